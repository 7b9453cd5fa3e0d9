from django.urls import path

from resultat.imports import views

app_name = "imports"

urlpatterns = [
    path("<int:year>/", views.worklist, name="proofreading"),
    path("<int:year>/bidrag/<int:pk>/", views.contribution, name="proofreading_contribution"),
]
