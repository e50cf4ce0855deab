"""Build the docs site into `_docs/` without Quarto: `python tools/build_docs.py` (or `make docs`).

nbdev's notebook processing (`proc_nbs`, what `nbdev_proc_nbs` runs, minus its attempt to install Quarto) writes the
processed notebooks into `_proc/`; Sphinx with MyST-NB then renders them, with their stored outputs, into `_docs/`."""
import json, re, shutil, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def nb_pages(proc: Path) -> list[str]:
    "The numbered notebooks, in order."
    return sorted(p.stem for p in proc.glob('[0-9]*.ipynb'))


def tidy(nb_path: Path):
    "Make a processed notebook valid for MyST-NB: Python metadata, cell ids, no nbdev state, no `---` rules in show_doc output."
    nb = json.loads(nb_path.read_text())
    nb['metadata']['language_info'] = {'name': 'python'}
    nb['metadata']['kernelspec'] = {'name': 'python3', 'display_name': 'Python 3', 'language': 'python'}
    cells = nb['cells']
    if cells and cells[0]['cell_type'] == 'raw':  # Quarto front matter -> a title and subtitle Sphinx understands
        fm = ''.join(cells[0]['source'])
        title = re.search(r'^title: (.*)$', fm, re.M)
        desc = re.search(r'^description: (.*(?:\n  .*)*)', fm, re.M)
        text = (f"# {title.group(1).strip()}\n\n" if title else '') + (f"*{' '.join(desc.group(1).split())}*" if desc else '')
        cells[0] = {'cell_type': 'markdown', 'metadata': {}, 'source': text}
    keep = {'id', 'cell_type', 'metadata', 'source', 'outputs', 'execution_count', 'attachments'}
    for i, c in enumerate(nb['cells']):
        for k in set(c) - keep: del c[k]  # nbdev's processing state, not notebook format
        c.setdefault('id', f'cell-{i}')
        if c['cell_type'] == 'code':
            c.setdefault('outputs', []); c.setdefault('execution_count', None)
            src = ''.join(c['source'])
            if re.search(r'^#\|\s*echo:\s*false', src, re.M): c['metadata']['tags'] = ['remove-input']
            c['source'] = re.sub(r'^#\|.*\n?', '', src, flags=re.M)
        for o in c.get('outputs', []):
            md = o.get('data', {}).get('text/markdown')
            if md is not None:
                text = ''.join(md) if isinstance(md, list) else md
                text = re.sub(r'\{target="_blank"[^}]*\}', '', text)  # Quarto link attributes
                o['data']['text/markdown'] = '\n'.join(l for l in text.split('\n') if l.strip() != '---')
    nb_path.write_text(json.dumps(nb))


def add_toctree(index: Path, pages: list[str]):
    "Append a hidden table of contents to the processed index notebook (the site's navigation)."
    nb = json.loads(index.read_text())
    toc = "```{toctree}\n:hidden:\n:maxdepth: 1\n\nOverview <self>\n" + '\n'.join(pages) + "\ncontributing\n```"
    nb['cells'].append({'cell_type': 'markdown', 'metadata': {}, 'source': toc})
    index.write_text(json.dumps(nb))


def main():
    from nbdev.serve import proc_nbs
    proc = ROOT/'_proc'
    if proc.exists(): shutil.rmtree(proc)
    proc_nbs(force=True)
    for f in proc.glob('*.yml'): f.unlink()
    for nb in proc.glob('*.ipynb'): tidy(nb)
    shutil.copy(ROOT/'docs'/'contributing.md', proc/'contributing.md')
    add_toctree(proc/'index.ipynb', nb_pages(proc))
    out = ROOT/'_docs'
    if out.exists(): shutil.rmtree(out)
    r = subprocess.run([sys.executable, '-m', 'sphinx', '-b', 'html', '-q', '-c', str(ROOT/'docs'), str(proc), str(out)])
    if r.returncode: sys.exit(r.returncode)
    print(f"built {out/'index.html'}")


if __name__ == '__main__': main()
