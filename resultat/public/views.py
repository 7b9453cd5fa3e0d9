from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from resultat.strategy import views as strategy_views


def home(request: HttpRequest) -> HttpResponse:
    """The start page: for now the current strategy's overview."""
    return strategy_views.home(request)


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "public/about.html")
