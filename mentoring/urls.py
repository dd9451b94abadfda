from django.urls import path

from mentoring.views import assignments

app_name = "mentoring"

urlpatterns: list = []

# --- banks and mentor assignments ---
urlpatterns += [
    path("penugasan/", assignments.AssignmentListView.as_view(), name="assignment_list"),
    path("penugasan/tambah/", assignments.assignment_create, name="assignment_create"),
    path("penugasan/<int:pk>/akhiri/", assignments.assignment_stop, name="assignment_stop"),
    path("bank/", assignments.BankListView.as_view(), name="bank_list"),
    path("bank/tambah/", assignments.bank_create, name="bank_create"),
    path("bank/<int:pk>/ubah/", assignments.bank_update, name="bank_update"),
    path("bank/<int:pk>/tema/", assignments.bank_theme_create, name="bank_theme_create"),
    path("bank-tema/<int:pk>/akhiri/", assignments.bank_theme_end, name="bank_theme_end"),
]
