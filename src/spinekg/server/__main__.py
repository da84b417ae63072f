"""`python -m spinekg.server ...`: the same as `spinekg serve ...`."""
from .command import serve

if __name__ == "__main__":
    serve(prog_name="spinekg serve")
