"Runs that survive: resume gives what an uninterrupted run gives, Ctrl-C or SIGTERM leaves a usable checkpoint."
import json, os, signal, threading, time
import numpy as np
import pandas as pd
import pytest
from conftest import run_main


def _set_epochs(run, n):
    cfg = json.loads((run/'config.json').read_text()); cfg['epochs'] = n
    (run/'config.json').write_text(json.dumps(cfg))


def test_resume_matches_uninterrupted_run(tmp_path, tiny_csv):
    common = ['--data', str(tiny_csv), '--deterministic', '--seed', '7', '--arch', 'vgg']
    a = run_main('fer_train', '--out', str(tmp_path/'a'), '--epochs', '2', *common)
    assert a.returncode == 0, a.stderr[-1500:]
    assert run_main('fer_train', '--out', str(tmp_path/'b'), '--epochs', '1', *common).returncode == 0
    _set_epochs(tmp_path/'b', 2)
    assert run_main('fer_train', '--resume', str(tmp_path/'b')).returncode == 0
    ha, hb = pd.read_csv(tmp_path/'a'/'history.csv'), pd.read_csv(tmp_path/'b'/'history.csv')
    assert hb.epoch.tolist() == [1, 2]
    np.testing.assert_allclose(hb[['loss', 'val_loss']].to_numpy(), ha[['loss', 'val_loss']].to_numpy(), rtol=1e-5)


def _epochs_done(run):
    try: return json.loads((run/'state.json').read_text())['epochs_done']
    except (OSError, ValueError): return 0  # no run yet, or its state half-written


def _interrupted(run, sig, *args):
    "`fer_train ARGS` in this process, sent `sig` as the console script would receive it, once an epoch is written."
    start, ended = _epochs_done(run), threading.Event()
    def send():
        deadline = time.time() + 300
        while _epochs_done(run) <= start and time.time() < deadline and not ended.is_set(): time.sleep(0.2)
        time.sleep(1.0)  # into the next epoch
        if not ended.is_set(): os.kill(os.getpid(), sig)  # never at the test itself, should the run have ended
    # a shell starts a background job with Ctrl-C ignored, and fer_train leaves it so: play a run in the foreground
    before = signal.signal(sig, signal.default_int_handler if sig == signal.SIGINT else signal.SIG_DFL)
    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    try: return run_main('fer_train', *args)
    finally: ended.set(); sender.join(10); signal.signal(sig, before)


def test_interrupts_leave_usable_checkpoints(tmp_path, tiny_csv):
    "Ctrl-C, then SIGTERM (kill, schedulers, closing sessions) in the resumed run: each stops at a checkpoint that resumes."
    import keras
    run = tmp_path/'c'
    r = _interrupted(run, signal.SIGINT, '--data', str(tiny_csv), '--out', str(run), '--epochs', '200',
                     '--patience', '200', '--arch', 'vgg')
    assert r.returncode == 130, r.stderr[-1500:]
    assert f'fer_train --resume {run}' in r.stderr
    first = _epochs_done(run)
    iters = keras.models.load_model(run/'last.keras').optimizer.iterations.numpy()
    assert first >= 1 and iters > 0
    r = _interrupted(run, signal.SIGTERM, '--resume', str(run))
    assert r.returncode == 130, r.stderr[-1500:]
    done = _epochs_done(run)
    assert done > first and keras.models.load_model(run/'last.keras').optimizer.iterations.numpy() > iters
    assert pd.read_csv(run/'history.csv').epoch.tolist() == list(range(1, done + 1))  # every epoch once, in order
    assert not list(run.glob('*.tmp.keras'))


def test_a_signal_during_a_checkpoint_waits_for_it():
    "A stop signal while an epoch's checkpoint is written stops training at the next batch, not amid the files."
    from fer_nb.training import StopOnSignal
    stop, before = StopOnSignal(), signal.getsignal(signal.SIGTERM)
    with stop:
        stop.on_epoch_end(0)  # RunCheckpoint, which runs after this, is writing the epoch
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(0.1)  # the handler has run, and raised nothing
        assert stop.received == signal.SIGTERM
        with pytest.raises(KeyboardInterrupt): stop.on_train_batch_begin(0)
    assert signal.getsignal(signal.SIGTERM) == before  # the previous handler is back
