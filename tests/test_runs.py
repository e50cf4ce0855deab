"Runs that survive: resume gives what an uninterrupted run gives, Ctrl-C or SIGTERM leaves a usable checkpoint, NaN stops clearly."
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


@pytest.mark.parametrize('sig', [signal.SIGINT, signal.SIGTERM], ids=['ctrl-c', 'sigterm'])
def test_interrupt_leaves_a_usable_checkpoint(tmp_path, sig, tiny_csv):
    "Ctrl-C and SIGTERM (kill, schedulers, closing sessions) both stop a run at a clean checkpoint that resumes."
    import keras
    run = tmp_path/'c'
    def send():  # the signal comes to this process, as to the console script, once an epoch is written
        deadline = time.time() + 300
        while not (run/'state.json').exists() and time.time() < deadline: time.sleep(0.2)
        time.sleep(1.0)  # into the next epoch
        os.kill(os.getpid(), sig)
    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    r = run_main('fer_train', '--data', str(tiny_csv), '--out', str(run), '--epochs', '200', '--patience', '200',
                 '--arch', 'vgg')
    sender.join(10)
    assert r.returncode == 130, r.stderr[-1500:]
    assert f'fer_train --resume {run}' in r.stderr
    done = json.loads((run/'state.json').read_text())['epochs_done']
    assert len(pd.read_csv(run/'history.csv')) == done
    assert keras.models.load_model(run/'last.keras').optimizer.iterations.numpy() > 0
    assert not list(run.glob('*.tmp.keras'))
    _set_epochs(run, done + 1)
    assert run_main('fer_train', '--resume', str(run)).returncode == 0
    assert pd.read_csv(run/'history.csv').epoch.tolist() == list(range(1, done + 2))


def test_diverged_run_stops_with_a_message(tmp_path, tiny_csv):
    r = run_main('fer_train', '--data', str(tiny_csv), '--arch', 'vgg', '--out', str(tmp_path/'nan'), '--epochs', '3',
                 '--lr', '1e12')
    assert r.returncode == 2
    assert 'the training loss became nan' in r.stderr.lower() and 'Lower the learning rate' in r.stderr


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
