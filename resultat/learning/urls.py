from django.urls import path

from resultat.learning import views

app_name = "learning"

urlpatterns = [
    path("", views.index, name="index"),
    path("tackning/", views.coverage, name="coverage"),
    path("inriktningar/", views.perspectives, name="perspectives"),
    path("agenda-2030/", views.agenda, name="agenda"),
    path("forandring/", views.change, name="change"),
    path("forslag/bidrag/<int:pk>/", views.tag_suggestions, name="tag_suggestions"),
]
