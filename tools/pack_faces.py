"""Pack a fer2013-format CSV losslessly into a folder small enough for the device tool's 64 MiB trip, and unpack it there.

    python tools/pack_faces.py pack ../shared/data/fer2013.csv.gz .data      # here
    python tools/pack_faces.py unpack .data /tmp/fer2013.csv                 # on the GPU machine

Each pixel is stored as its difference from the gradient prediction left + up - upper-left (clipped to 0-255), as
PNG's filters do, and the differences are LZMA-compressed: 51 MB for the 32,298 faces (the gzip'd CSV: 86 MB).
`unpack` undoes the prediction pixel by pixel and writes the same emotion, pixels and Usage columns back, face for face.
The trip's 64 MiB hold the checkout (11 MB), the wheels of tools/gpu_train.sh (3 MB) and these 51 MB, with about
2 MB to spare: commit large files with that in mind.
"""
import lzma, sys
from pathlib import Path

import numpy as np
import pandas as pd


def _prediction(x):
    "Gradient prediction of each pixel from its left, upper and upper-left neighbours (zero outside the face)."
    p = np.pad(x.astype(np.int16), ((0, 0), (1, 0), (1, 0)))
    return np.clip(p[:, 1:, :-1] + p[:, :-1, 1:] - p[:, :-1, :-1], 0, 255)


def pack(csv, folder):
    from fer_nb.data import read_csv
    faces = read_csv(csv, classes='fer7')
    x = faces.x[..., 0]
    folder = Path(folder); folder.mkdir(parents=True, exist_ok=True)
    (folder/'pixels.xz').write_bytes(lzma.compress(((x - _prediction(x)) % 256).astype(np.uint8).tobytes(), preset=9 | lzma.PRESET_EXTREME))
    np.savez_compressed(folder/'labels.npz', y=faces.y, usage=faces.usage.astype(str))


def unpack(folder, csv):
    folder = Path(folder)
    meta = np.load(folder/'labels.npz')
    d = np.frombuffer(lzma.decompress((folder/'pixels.xz').read_bytes()), np.uint8).reshape(-1, 48, 48).astype(np.int16)
    x = np.zeros_like(d)
    for i in range(48):  # row by row, pixel by pixel: each prediction needs the pixels before it
        for j in range(48):
            left = x[:, i, j-1] if j else 0
            up = x[:, i-1, j] if i else 0
            ul = x[:, i-1, j-1] if i and j else 0
            x[:, i, j] = (d[:, i, j] + np.clip(left + up - ul, 0, 255)) % 256
    pixels = [' '.join(map(str, r)) for r in x.reshape(len(x), -1).tolist()]
    pd.DataFrame(dict(emotion=meta['y'], pixels=pixels, Usage=meta['usage'])).to_csv(csv, index=False)


if __name__ == '__main__':
    {'pack': pack, 'unpack': unpack}[sys.argv[1]](*sys.argv[2:])
