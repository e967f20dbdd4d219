import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
application = get_wsgi_application()
# Everything loaded at start-up lives as long as the process: keep it out of the garbage collector's scans,
# so a full collection during a request does not walk it (a 40 ms pause measured in bench/catalog.py).
gc.freeze()
