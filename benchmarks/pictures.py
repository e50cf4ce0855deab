"""Pictures for the detection and photo benchmarks: sample faces composed onto a smooth random background."""
import cv2
import numpy as np


def background(h, w, rng):
    "A smooth grey background: random values on a coarse grid, enlarged."
    return cv2.resize(rng.normal(128, 40, (h // 16 + 2, w // 16 + 2)).clip(0, 255).astype(np.uint8), (w, h), interpolation=cv2.INTER_CUBIC)


def compose(faces, side, rng, h=480, w=640):
    "A `w`x`h` grey picture holding `faces` (48x48) enlarged to `side` px, spread across it; returns it and each face's box."
    img, boxes, slot = background(h, w, rng), [], w // len(faces)
    for i, f in enumerate(faces):
        x = i * slot + (slot - side) // 2
        y = (h - side) // 2 + int(rng.integers(-(h - side) // 4, (h - side) // 4 + 1))
        img[y:y + side, x:x + side] = cv2.resize(np.asarray(f).squeeze(), (side, side), interpolation=cv2.INTER_CUBIC)
        boxes.append((x, y, side, side))
    return img, boxes


def matches(found, boxes):
    "How many of the true `boxes` a found face is centred on (within a third of the side), and how many found faces match none."
    centre = lambda b: (b[0] + b[2] / 2, b[1] + b[3] / 2)
    hit = [any(abs(centre(f)[0] - centre(b)[0]) < b[2] / 3 and abs(centre(f)[1] - centre(b)[1]) < b[3] / 3 for f in found) for b in boxes]
    false = sum(not any(abs(centre(f)[0] - centre(b)[0]) < b[2] / 3 and abs(centre(f)[1] - centre(b)[1]) < b[3] / 3 for b in boxes) for f in found)
    return sum(hit), false
