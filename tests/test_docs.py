"The docs site builds from the notebooks and every page works in headless Chromium."
import shutil, subprocess, sys
import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT/'tools'))
from check_site import check_site, chromium  # noqa: E402

pytestmark = pytest.mark.skipif(chromium() is None, reason="Chromium is not installed (apt-get install chromium; .ci/run does it)")

API = {'00_data.html': ['load_faces', 'read_csv', 'parse_pixels', 'read_folder', 'Faces'],
       '01_preprocessing.html': ['split_faces', 'make_dataset', 'random_affine'],
       '02_model.html': ['build_model', 'reference_resnet', 'vgg_net'],
       '03_training.html': ['TrainConfig', 'train', 'RunCheckpoint'],
       '04_evaluation.html': ['evaluate', 'plot_confusion', 'write_results'],
       '06_cli.html': ['fer_train', 'fer_evaluate'],
       '05_inference.html': ['Predictor', 'detect_faces', 'OnnxModel'],
       '06a_export.html': ['export_model', 'quantize_onnx', 'label_onnx'],
       '07_video.html': ['VideoReader', 'plot_timeline', 'analyse_video'],
       '08_predict.html': ['fer_predict', 'media_files', 'expand_inputs'],
       '08a_parquet.html': ['predict_parquet', 'ParquetStore', 'ParquetWorker'],
       '08b_serve.html': ['fer_serve', 'create_app', 'LiveFaces']}


@pytest.fixture(scope='module')
def site():
    r = subprocess.run([sys.executable, str(ROOT/'tools'/'build_docs.py')], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr[-3000:]
    return ROOT/'_docs'


def test_every_page_loads_with_images_and_links(site):
    text = {}
    assert check_site(site, text) == []
    assert {'index.html', 'contributing.html', *API} <= set(text)
    for page, names in API.items():
        for n in names: assert f"\n{n}\n" in text[page] or f"{n}(" in text[page], f"{page} lacks the API entry of {n}"
    assert 'fer_train' in text['index.html'] and any((site/'_images').glob('*.png'))


def test_checker_finds_broken_pages(site, tmp_path):
    broken = tmp_path/'site'
    shutil.copytree(site, broken)
    img = next((broken/'_images').glob('*.png'))
    img.unlink()
    (broken/'02_model.html').unlink()
    problems = check_site(broken)
    assert any('image does not load' in p and img.name in p for p in problems), problems
    assert any('broken link' in p and '02_model.html' in p for p in problems), problems
