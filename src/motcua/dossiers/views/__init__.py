"""The staff pages of the one-stop lifecycle (counter, work queues, the dossier page, printing) and the
public status lookup. Every write is one service call; every page but the lookup needs a login, and a
dossier the user may not see is a 404."""

from motcua.dossiers.views.components import dossier_component
from motcua.dossiers.views.counter import counter
from motcua.dossiers.views.detail import dossier_act, dossier_detail
from motcua.dossiers.views.evaluation import evaluation
from motcua.dossiers.views.printing import dossier_print, tracking_book
from motcua.dossiers.views.public import lookup, lookup_code
from motcua.dossiers.views.queues import queue

__all__ = [
    "counter",
    "dossier_act",
    "dossier_component",
    "dossier_detail",
    "dossier_print",
    "evaluation",
    "lookup",
    "lookup_code",
    "queue",
    "tracking_book",
]
