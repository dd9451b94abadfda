from django.urls import path

from marketing.views import outlets

app_name = "marketing"

urlpatterns = [
    # outlets and their clerks
    path("gerai/", outlets.OutletListView.as_view(), name="outlet_list"),
    path("gerai/tambah/", outlets.OutletCreateView.as_view(), name="outlet_create"),
    path("gerai/<int:pk>/", outlets.OutletDetailView.as_view(), name="outlet_detail"),
    path("gerai/<int:pk>/ubah/", outlets.OutletUpdateView.as_view(), name="outlet_update"),
    path("gerai/<int:pk>/status/", outlets.outlet_set_active, name="outlet_set_active"),
    path("gerai/<int:pk>/kasir/tambah/", outlets.outlet_staff_add, name="outlet_staff_add"),
    path("gerai/kasir/<int:pk>/akhiri/", outlets.outlet_staff_end, name="outlet_staff_end"),
]
