from django.contrib import admin
from django.urls import include, path

from resultat.followup.urls import public_urlpatterns as public_followup_urls
from resultat.opendata.urls import api_urlpatterns
from resultat.public import views as public_views

admin.site.site_header = "Resultat – administration"
admin.site.site_title = "Resultat"

urlpatterns = [
    path("", public_views.home, name="home"),
    path("strategi/", include("resultat.strategy.urls")),
    path("indikatorer/", include("resultat.indicators.urls")),
    path("uppfoljning/", include("resultat.followup.urls")),
    path("resultat/", include((public_followup_urls, "results"))),
    path("rapport/", include("resultat.reports.urls")),
    path("insatser/", include("resultat.initiatives.urls")),
    path("konto/", include("resultat.accounts.urls")),
    path("sprak/", public_views.set_language, name="set_language"),
    path("om/", include("resultat.public.urls")),
    path("sok/", include("resultat.search.urls")),
    path("larande/", include("resultat.learning.urls")),
    path("korrektur/", include("resultat.imports.urls")),
    path("", include("resultat.public.site_urls")),
    path("api/", include((api_urlpatterns, "api"))),
    path("oppna-data/", include("resultat.opendata.urls")),
    path("admin/", admin.site.urls),
]
