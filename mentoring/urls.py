from django.urls import path

from mentoring.views import credit, readiness

app_name = "mentoring"

urlpatterns: list = []

# credit applications and credit readiness
urlpatterns += [
    path("kredit/", credit.CreditListView.as_view(), name="credit_list"),
    path("kredit/tambah/", credit.CreditCreateView.as_view(), name="credit_create"),
    path("kredit/<int:pk>/", credit.CreditDetailView.as_view(), name="credit_detail"),
    path("kredit/<int:pk>/ubah/", credit.CreditUpdateView.as_view(), name="credit_update"),
    path("kredit/<int:pk>/ajukan/", credit.credit_submit, name="credit_submit"),
    path("kredit/<int:pk>/keputusan/", credit.credit_decide, name="credit_decide"),
    path("kredit/<int:pk>/pencairan/", credit.credit_disburse, name="credit_disburse"),
    path("kesiapan/", readiness.readiness_list, name="readiness_list"),
    path("kesiapan/kelompok/<int:pk>/", readiness.readiness_group, name="readiness_group"),
    path("kesiapan/aturan/", readiness.readiness_rule, name="readiness_rule"),
]
