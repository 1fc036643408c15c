"""The parts of the site; importing this package registers each with ``plan.part``."""
from . import presence  # noqa: F401
from . import recht  # noqa: F401
from . import gebaerdensprache  # noqa: F401
from . import elternratgeber  # noqa: F401
from . import media  # noqa: F401
from . import plus  # noqa: F401
from . import redaktion  # noqa: F401
