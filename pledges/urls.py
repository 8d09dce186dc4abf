"""Co-funding pages: /campaigns/... and /account/pledges/."""

from django.urls import path

from pledges.views import bakeoff, campaigns, pledging, proposing, running

app_name = "pledges"

urlpatterns = [
    path("campaigns/", campaigns.campaign_list, name="campaign_list"),
    path("campaigns/waiting/", campaigns.campaign_waiting, name="campaign_waiting"),
    path("campaigns/propose/", proposing.propose_start, name="propose_start"),
    path("campaigns/propose/<slug:council>/check/", proposing.propose_check, name="propose_check"),
    path(
        "campaigns/propose/<slug:council>/<slug:step>/",
        proposing.propose_step,
        name="propose_step",
    ),
    path("campaigns/<slug:slug>/", campaigns.campaign_detail, name="campaign_detail"),
    path("campaigns/<slug:slug>/sent/", proposing.propose_sent, name="propose_sent"),
    path("campaigns/<slug:slug>/revise/", proposing.revise_start, name="revise_start"),
    path("campaigns/<slug:slug>/revise/check/", proposing.revise_check, name="revise_check"),
    path("campaigns/<slug:slug>/revise/<slug:step>/", proposing.revise_step, name="revise_step"),
    path("campaigns/<slug:slug>/ledger/", campaigns.campaign_ledger, name="campaign_ledger"),
    path("campaigns/<slug:slug>/follow/", campaigns.follow, name="follow"),
    path("campaigns/<slug:slug>/unfollow/", campaigns.unfollow, name="unfollow"),
    path("campaigns/<slug:slug>/manage/", running.campaign_manage, name="campaign_manage"),
    path("campaigns/<slug:slug>/bid/", bakeoff.bid_new, name="bid_new"),
    path("campaigns/<slug:slug>/scoring/", bakeoff.scoring, name="scoring"),
    path("campaigns/<slug:slug>/decision/", bakeoff.decision, name="decision"),
    path("campaigns/<slug:slug>/pledge/", pledging.pledge_start, name="pledge_start"),
    path(
        "campaigns/<slug:slug>/pledge/<slug:council>/check/",
        pledging.pledge_check,
        name="pledge_check",
    ),
    path(
        "campaigns/<slug:slug>/pledge/<slug:council>/done/",
        pledging.pledge_done,
        name="pledge_done",
    ),
    path(
        "campaigns/<slug:slug>/pledge/<slug:council>/withdraw/",
        pledging.pledge_withdraw_view,
        name="pledge_withdraw",
    ),
    path(
        "campaigns/<slug:slug>/pledge/<slug:council>/<slug:step>/",
        pledging.pledge_step,
        name="pledge_step",
    ),
    path("account/pledges/", pledging.my_pledges, name="my_pledges"),
    path(
        "account/pledges/commitments/<int:pk>/<slug:step>/",
        pledging.commitment_step,
        name="commitment_step",
    ),
]
