from marketing import trade_urls

app_name = "marketing"

urlpatterns: list = []
urlpatterns += trade_urls.urlpatterns
