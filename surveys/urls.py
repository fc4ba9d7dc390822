from django.urls import path

from surveys import views

app_name = "surveys"
urlpatterns = [
    path("", views.MyRoundsView.as_view(), name="mine"),
    path("<slug:slug>/plek/<slug:place_slug>/", views.AnswerView.as_view(), name="answer"),
    path("<slug:slug>/link/<str:token>/", views.AnswerView.as_view(), name="answer-link"),
    path("<slug:slug>/resultaten/", views.ResultsView.as_view(), name="results"),
    path("<slug:slug>/open-antwoorden/", views.OpenAnswersView.as_view(), name="open-answers"),
    path("<slug:slug>/export.csv", views.ExportView.as_view(), name="export"),
    path("<slug:slug>/grafiek/<slug:topic>.svg", views.ChartView.as_view(), name="chart"),
    path("<slug:slug>/uitnodigen/", views.SendInvitationsView.as_view(), name="invite"),
]
