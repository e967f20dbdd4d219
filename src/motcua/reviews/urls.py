from django.urls import path

from motcua.reviews.views import campaigns, comments, records

app_name = "reviews"
urlpatterns = [
    path("", campaigns.campaign_list, name="list"),
    path("create/", campaigns.campaign_create_view, name="create"),
    path("<int:pk>/", campaigns.campaign_detail, name="detail"),
    path("<int:pk>/edit/", campaigns.campaign_edit, name="edit"),
    path("<int:pk>/status/", campaigns.campaign_status, name="status"),
    path("<int:pk>/export.xlsx", campaigns.campaign_export, name="export_xlsx"),
    path("<int:pk>/records/create/", records.record_create_view, name="record_create"),
    path("records/<int:pk>/", records.record_detail, name="record"),
    path("records/<int:pk>/submit/", records.record_submit_view, name="record_submit"),
    path("records/<int:pk>/review/", records.record_review_view, name="record_review"),
    path("comments/", comments.comment_list, name="comments"),
    path("comments/create/", comments.comment_create, name="comment_create"),
    path("comments/<int:pk>/", comments.comment_detail, name="comment"),
]
