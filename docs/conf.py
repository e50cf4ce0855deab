# Sphinx configuration of fer_nb's docs site, built from nbdev's processed notebooks (see tools/build_docs.py).
from configparser import ConfigParser
from pathlib import Path

_cfg = ConfigParser(delimiters=['=']); _cfg.read(Path(__file__).parents[1]/'settings.ini')
_d = _cfg['DEFAULT']

project = _d['lib_name']
author = _d['author']
copyright = '2026, ' + author
release = _d['version']
extensions = ['myst_nb']
nb_execution_mode = 'off'          # the notebooks carry their outputs; the docs never re-run them
nb_merge_streams = True
myst_enable_extensions = ['colon_fence', 'deflist']
html_theme = 'furo'
html_title = f"{project} {release}"
html_static_path = []
exclude_patterns = ['_build', '*.yml', '**/.ipynb_checkpoints']
suppress_warnings = ['mystnb.unknown_mime_type', 'misc.highlighting_failure', 'myst.header']
