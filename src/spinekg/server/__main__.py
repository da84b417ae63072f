"""`python -m spinekg.server ...`: the same as `spinekg serve ...`."""
from .command import serve

serve(prog_name="spinekg serve")
