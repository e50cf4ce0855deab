"Records under models/: each model card says what the files beside it say; no record names the machine that made it."
import re
from pathlib import Path

from conftest import ROOT

LOCAL = re.compile(r'(^|[^\w.~-])/(root|home|Users|work|tmp|mnt)/')  # an absolute path of someone's checkout or data


def test_every_model_card_is_what_its_files_say(monkeypatch):
    "A card is written from its run's files (`tools/model_card.py`); one edited by hand, or left behind, differs."
    monkeypatch.chdir(ROOT)
    monkeypatch.syspath_prepend(str(ROOT/'tools'))
    import model_card
    cards = model_card.cards()
    assert {'fer_nb-ensemble', 'fer_nb-fast', 'fer_nb-s2d', 'reference'} <= {d.name for d in cards}, cards.keys()
    stale = [str(d) for d, text in cards.items() if (d/'MODEL_CARD.md').read_text() != text]
    assert not stale, f"{stale}: not what their files say; python tools/model_card.py --all writes them again"
    assert 'reported accuracy 73.6%' in cards[Path('models/reference')]


def test_no_record_names_a_local_path():
    "Commands, logs and configs name data and models as a reader's copy does (`members.py portable`), not by full path."
    assert LOCAL.search('fer_train --data /home/me/fer2013.csv.gz') and not LOCAL.search('models/members/a/model.keras')
    texts = [p for p in (ROOT/'models').rglob('*') if p.suffix in ('.md', '.txt', '.json', '.log', '.csv')]
    assert len(texts) > 50, len(texts)
    hits = [f"{p.relative_to(ROOT)}:{n}: {line.strip()[:80]}" for p in texts
            for n, line in enumerate(p.read_text(errors='replace').splitlines(), 1) if LOCAL.search(line)]
    assert not hits, hits
