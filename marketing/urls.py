from django.urls import path, re_path

from marketing import trade_urls
from marketing.views import outlets, prices, reports, settlements

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
    # prices
    path("harga/", prices.PriceListView.as_view(), name="price_list"),
    path("harga/produk/<int:pk>/", prices.price_detail, name="price_detail"),
    path("harga/produk/<int:pk>/baru/", prices.price_create, name="price_create"),
    path("harga/produk/<int:pk>/gerai/", prices.outlet_price_create, name="outlet_price_create"),
    # settlements to groups
    path("pembayaran/", settlements.SettlementListView.as_view(), name="settlement_list"),
    path("pembayaran/terlambat/", settlements.settlement_overdue, name="settlement_overdue"),
    path("pembayaran/hitung/", settlements.settlement_generate, name="settlement_generate"),
    path("pembayaran/<int:pk>/", settlements.settlement_detail, name="settlement_detail"),
    path("pembayaran/<int:pk>/bayar/", settlements.settlement_pay, name="settlement_pay"),
    path("pembayaran/<int:pk>/slip/", settlements.settlement_slip, name="settlement_slip"),
    path(
        "pembayaran/<int:pk>/slip.pdf", settlements.settlement_slip_pdf, name="settlement_slip_pdf"
    ),
    re_path(
        r"^pembayaran/ekspor\.(?P<fmt>csv|xlsx)$",
        settlements.settlement_export,
        name="settlement_export",
    ),
    # reports
    path("laporan/penjualan/", reports.sales_report, name="sales_report"),
    re_path(
        r"^laporan/penjualan/ekspor\.(?P<fmt>csv|xlsx)$",
        reports.sales_report_export,
        name="sales_report_export",
    ),
    re_path(
        r"^laporan/penjualan/baris\.(?P<fmt>csv|xlsx)$",
        reports.sales_lines_export,
        name="sales_lines_export",
    ),
    path("laporan/stok/", reports.stock_report, name="stock_report"),
    re_path(
        r"^laporan/stok/ekspor\.(?P<fmt>csv|xlsx)$",
        reports.stock_report_export,
        name="stock_report_export",
    ),
]
urlpatterns += trade_urls.urlpatterns
