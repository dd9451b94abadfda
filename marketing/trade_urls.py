"""URLs of the trade at the outlets (included in ``marketing.urls``)."""

from django.urls import path

from marketing.views import closings, counter, deliveries, stock

urlpatterns = [
    # the counter and sales
    path("kasir/", counter.counter_start, name="counter_start"),
    path("kasir/<int:outlet>/", counter.counter, name="counter"),
    path("penjualan/", counter.SaleListView.as_view(), name="sale_list"),
    path("penjualan/<int:pk>/", counter.sale_receipt, name="sale_receipt"),
    path("penjualan/<int:pk>/batal/", counter.sale_void, name="sale_void"),
    # deliveries
    path("pengiriman/", deliveries.DeliveryListView.as_view(), name="delivery_list"),
    path("pengiriman/tambah/", deliveries.delivery_create, name="delivery_create"),
    path("pengiriman/<int:pk>/", deliveries.delivery_detail, name="delivery_detail"),
    path("pengiriman/<int:pk>/terima/", deliveries.delivery_receive, name="delivery_receive"),
    path("pengiriman/<int:pk>/surat-jalan/", deliveries.delivery_note, name="delivery_note"),
    # stock, returns, write-offs, stock-takes
    path("stok/", stock.StockListView.as_view(), name="stock_list"),
    path("stok/<int:pk>/", stock.stock_card, name="stock_card"),
    path("stok/<int:pk>/rusak/", stock.stock_write_off, name="stock_write_off"),
    path("stok/<int:pk>/opname/", stock.stock_adjust, name="stock_adjust"),
    path("retur/", stock.ReturnListView.as_view(), name="return_list"),
    path("retur/gerai/<int:outlet>/", stock.return_create, name="return_create"),
    # daily closing
    path("tutup-harian/", closings.ClosingListView.as_view(), name="closing_list"),
    path("tutup-harian/gerai/<int:outlet>/", closings.closing_create, name="closing_create"),
]
