from django.urls import path

from motcua.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("import/", views.plan_import_view, name="import"),
    path("create/", views.plan_create_view, name="create"),
    path("my-tasks/", views.my_tasks, name="my_tasks"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/issue/", views.plan_issue_view, name="issue"),
    path("<int:pk>/copy/", views.plan_copy_view, name="copy"),
    path("<int:pk>/tasks/add/", views.plan_task_add_view, name="task_add"),
    path("tasks/<int:pk>/edit/", views.plan_task_update_view, name="task_update"),
    path("<int:pk>/reviews/", views.plan_reviews, name="reviews"),
    path("<int:pk>/export.xlsx", views.plan_export_xlsx, name="export_xlsx"),
    path("<int:pk>/export.docx", views.plan_export_docx, name="export_docx"),
    path("tasks/<int:pk>/report/", views.task_report, name="task_report"),
    path("reports/<int:pk>/review/", views.report_review, name="report_review"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
]
