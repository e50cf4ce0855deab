"The modules nbdev writes read as their notebooks promise: lines of at most 120 characters, docstrings of one line."
import ast
from pathlib import Path
import fer_nb

MODULES = sorted(p for p in Path(fer_nb.__file__).parent.glob('*.py') if p.name != '_modidx.py')  # _modidx: nbdev's index


def test_lines_fit_in_120_characters():
    long = [f"{p.name}:{i}" for p in MODULES for i, line in enumerate(p.read_text().splitlines(), 1)
            if len(line) > 120 and not line.startswith('__all__')]  # nbdev wraps __all__ itself
    assert long == []


def test_docstrings_are_one_line():
    multi = [f"{p.name}:{n.lineno} {n.name}" for p in MODULES for n in ast.walk(ast.parse(p.read_text()))
             if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
             and '\n' in (ast.get_docstring(n) or '')]
    assert multi == []
