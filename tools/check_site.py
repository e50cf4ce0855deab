"""Open every page of the built docs site in headless Chromium and report what is broken: `python tools/check_site.py [_docs]`.

A page is broken when it logs a console error or throws, when one of its images does not load, or when a link to
another page of the site points at nothing. Prints one line per problem and exits 1 if there is any."""
import functools, http.server, os, shutil, socketserver, sys, threading
from pathlib import Path
from urllib.parse import urljoin, urlparse

CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                 '--disable-background-networking', '--disable-component-update', '--disable-sync']


def chromium() -> str | None:
    "Path of a Chromium executable, if one is installed."
    return os.environ.get('CHROMIUM') or shutil.which('chromium') or shutil.which('chromium-browser')


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a): pass


def serve(root: Path):
    "Serve `root` on a free loopback port in a background thread; return the server and its base URL."
    srv = socketserver.TCPServer(('127.0.0.1', 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, f"http://127.0.0.1:{srv.server_address[1]}/"


def check_site(root, pages_text: dict | None = None) -> list[str]:
    "Problems found on every HTML page under `root`; fills `pages_text` (page name -> visible text) if given."
    from playwright.sync_api import sync_playwright
    root = Path(root)
    problems, pages = [], sorted(p.relative_to(root).as_posix() for p in root.rglob('*.html') if '_static' not in p.parts)
    srv, base = serve(root)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
            page = browser.new_page()
            for name in pages:
                errors = []
                page.on('console', lambda m, e=errors: e.append(m.text) if m.type == 'error' else None)
                page.on('pageerror', lambda exc, e=errors: e.append(str(exc)))
                resp = page.goto(base + name, wait_until='load')
                if not resp or resp.status != 200: problems.append(f"{name}: HTTP {resp.status if resp else 'no response'}")
                problems += [f"{name}: console error: {e}" for e in errors]
                for src in page.eval_on_selector_all('img', 'ims => ims.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.getAttribute("src"))'):
                    problems.append(f"{name}: image does not load: {src}")
                for href in page.eval_on_selector_all('a[href]', 'as => as.map(a => a.getAttribute("href"))'):
                    u = urlparse(urljoin(base + name, href))
                    if u.scheme != 'http' or u.netloc != urlparse(base).netloc: continue
                    target = root/u.path.lstrip('/')
                    if target.is_dir(): target = target/'index.html'
                    if not target.exists(): problems.append(f"{name}: broken link: {href}")
                if pages_text is not None: pages_text[name] = page.inner_text('body')
                page.close(); page = browser.new_page()
            browser.close()
    finally: srv.shutdown()
    return problems


if __name__ == '__main__':
    found = check_site(sys.argv[1] if len(sys.argv) > 1 else '_docs')
    print('\n'.join(found) or 'no problems')
    sys.exit(1 if found else 0)
