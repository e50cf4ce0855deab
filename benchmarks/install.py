"""The light install against the install with TensorFlow: seconds to `pip install -e .` into a fresh virtual
environment, and the environment's size, without and with the `[train]` extra.

    python benchmarks/install.py

Each install runs in a new virtual environment of this Python, from this checkout, with pip's download cache as it
is (warm after a first run: the figures then measure installing, not downloading). The light install is what
`pip install fer_nb` gives; `[train]` adds TensorFlow and Keras, as every install did before the extra existed."""
import subprocess, sys, tempfile, venv
from pathlib import Path
from common import machine, seconds

ROOT = Path(__file__).resolve().parents[1]


def size_gb(path:Path) -> float:
    "Gigabytes the files under `path` take."
    return sum(f.stat().st_size for f in path.rglob('*') if f.is_file() and not f.is_symlink()) / 1e9


def main():
    print(machine())
    for extra in ('', '[train]'):
        with tempfile.TemporaryDirectory() as d:
            venv.create(d, with_pip=True)
            pip = [str(Path(d)/'bin'/'python'), '-m', 'pip', 'install', '-q', '--disable-pip-version-check', '-e', f"{ROOT}{extra}"]
            t = seconds(lambda: subprocess.run(pip, check=True, capture_output=True))
            print(f"pip install -e .{extra:<8} {t:6.1f} s  {size_gb(Path(d)):5.2f} GB")


if __name__ == '__main__':
    sys.exit(main())
