from django.urls import path

from resultat.public import views

app_name = "public"

urlpatterns = [
    path("", views.about, name="about"),
]
