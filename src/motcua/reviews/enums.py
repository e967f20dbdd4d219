"""Choices of the reviews app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    OPEN = "open", _("Đang rà soát")
    CLOSED = "closed", _("Đã kết thúc")


class RecordStatus(models.TextChoices):
    DRAFT = "draft", _("Đang rà soát")
    SUBMITTED = "submitted", _("Đã gửi, chờ xem xét")
    ACCEPTED = "accepted", _("Đã chấp nhận")


class Criterion(models.TextChoices):
    """The six criteria a procedure is assessed against (issue 5: Decree 20/2008 Art. 15)."""

    NECESSITY = "necessity", _("Sự cần thiết")
    REASONABLENESS = "reasonableness", _("Tính hợp lý, hợp pháp")
    SIMPLICITY = "simplicity", _("Tính đơn giản, dễ hiểu, dễ thực hiện")
    FEASIBILITY = "feasibility", _("Tính khả thi")
    CONSISTENCY = "consistency", _("Tính thống nhất, đồng bộ với hệ thống pháp luật")
    TREATY = "treaty", _("Sự phù hợp với điều ước quốc tế mà Việt Nam là thành viên")


class Verdict(models.TextChoices):
    PENDING = "pending", _("Chưa đánh giá")
    MET = "met", _("Đạt")
    NOT_MET = "not_met", _("Không đạt")


class ProposalKind(models.TextChoices):
    ABOLISH = "abolish", _("Bãi bỏ")
    AMEND = "amend", _("Sửa đổi, bổ sung")
    REPLACE = "replace", _("Thay thế")
    SIMPLIFY = "simplify", _("Đơn giản hóa thành phần hồ sơ, trình tự, thời hạn")
    DECENTRALISE = "decentralise", _("Phân cấp giải quyết")
    OTHER = "other", _("Khác")


class Scenario(models.TextChoices):
    BEFORE = "before", _("Hiện tại")
    AFTER = "after", _("Sau đơn giản hóa")


class CostKind(models.TextChoices):
    TASK = "task", _("Công việc (số giờ)")
    FEE = "fee", _("Phí, lệ phí (đồng)")
    OTHER = "other", _("Chi phí khác (đồng)")


class ConstantCode(models.TextChoices):
    HOUR_VALUE = "hour_value", _("Giá trị một giờ làm việc của người thực hiện TTHC")
    REDUCTION_TARGET = "reduction_target", _("Chỉ tiêu cắt giảm chi phí tuân thủ")


class DraftKind(models.TextChoices):
    """What a comment is asked on: the plan's tasks 3 (section II), 4 and 5 (section III)."""

    REGULATION = "regulation", _("Quy định TTHC trong đề nghị xây dựng, dự thảo văn bản QPPL")
    PUBLICATION = "publication", _("Dự thảo quyết định công bố TTHC, danh mục TTHC")
    PUBLICATION_DOSSIER = "publication_dossier", _("Hồ sơ trình công bố TTHC (kiểm soát chất lượng)")


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Chờ góp ý")
    ANSWERED = "answered", _("Đã gửi ý kiến")
    CANCELLED = "cancelled", _("Không góp ý (hủy)")
