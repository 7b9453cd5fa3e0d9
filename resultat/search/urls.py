from django.urls import path

from resultat.search import views

app_name = "search"

urlpatterns = [
    path("", views.public_search, name="public"),
    path("intern/", views.staff_search, name="staff"),
]
