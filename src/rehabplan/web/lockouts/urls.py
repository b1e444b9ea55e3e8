from django.urls import path

from rehabplan.web.lockouts import views

urlpatterns = [
    path("brugere/spaerrede/", views.locked_list_view, name="locked-list"),
    path("brugere/spaerrede/ophaev/", views.unlock_view, name="locked-unlock"),
]
