#!/usr/bin/python3
"""PyTorch peer of the `epoch` benchmark's convolutional models: Trainer.cs's loop on ResNet-20 or VGG-11.

The models are functions of their parameter tensors, as src/OrthoRebasin/Models/ResNet.cs, Vgg.cs and ConvLayers.cs
build them (same names, shapes, initialisation family and order): F.conv2d, F.batch_norm in training mode with the
running statistics updated (momentum 0.1, eps 1e-5), LayerNorm over the channels at each position, max_pool2d, mean
pooling, F.linear. Data are uint8 images kept whole; every step gathers its batch (index_select) and makes it float
(/255), as the pipeline's LabelledData does, optionally crops (pad 4) and flips it with the trainer's gathers, then
zero_grad, forward, cross_entropy, loss.item(), backward, SGD step (momentum 0.9, weight decay 5e-4, lr 0.05) and
argmax accuracy with .item(). Seconds per epoch: median of --epochs epochs after one warm-up epoch, for each thread
count in --threads (torch.set_num_threads; OpenBLAS keeps its own pthreads, see OPENBLAS_NUM_THREADS).

Run with Debian's python (apt-get install -y python3-torch libopenblas0-pthread):
    /usr/bin/python3 bench/torch_conv_epoch.py --model resnet20|vgg11 [--width W] [--norm batchnorm|layernorm|none]
        [--batch 128] [--samples 50000] [--cifar DIR] [--augment] [--threads 1,2] [--epochs 3]
"""

import argparse
import os
import statistics
import sys
import time

import torch
import torch.nn.functional as F

# The cpu_sample / other_cores helpers and the seeds are torch_epoch.py's, so both peers report alike.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_epoch import DATA_SEED, TRAIN_SEED, cpu_sample, other_cores  # noqa: E402

CLASSES, CHANNELS, SIDE = 10, 3, 32
PIXELS = CHANNELS * SIDE * SIDE
RECORD = 1 + PIXELS
CIFAR_TRAIN = 50_000
LR, MOMENTUM, WEIGHT_DECAY = 0.05, 0.9, 5e-4
BN_MOMENTUM, EPS = 0.1, 1e-5
VGG11 = [64, 0, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0]  # 0 marks a 2x2 max-pool
STAGES = [16, 32, 64]  # ResNet-20's stage channels at width 1; three blocks each


def load_data(cifar_dir, samples):
    """The first `samples` CIFAR-10 training images (uint8 n x 3072, labels), or seeded uniform random ones."""
    files = [os.path.join(cifar_dir, f"data_batch_{i}.bin") for i in range(1, 6)] if cifar_dir else []
    if files and all(os.path.exists(f) for f in files):
        data = bytearray()
        for name in files:
            if len(data) >= samples * RECORD:
                break
            with open(name, "rb") as f:
                data += f.read(samples * RECORD - len(data))
        records = torch.frombuffer(data, dtype=torch.uint8).reshape(-1, RECORD)
        return records[:, 1:].clone(), records[:, 0].long(), "CIFAR-10 train"
    if cifar_dir:
        print(f"the CIFAR-10 batches are not all in {cifar_dir}; using uniform random images", file=sys.stderr)
    g = torch.Generator().manual_seed(DATA_SEED)
    pixels = torch.randint(0, 256, (samples, PIXELS), dtype=torch.uint8, generator=g)
    labels = torch.randint(0, CLASSES, (samples,), generator=g)
    return pixels, labels, f"uniform random images, seed {DATA_SEED}"


# ---- parameters, in the order the C# models draw them ----------------------------------------------------------

def add_conv(params, name, out_ch, in_ch, kernel, bias, kaiming, g):
    """ConvLayers.AddConv: kaiming N(0, 2/fan_in) or nn.Conv2d's U(-1/sqrt(fan_in), ..); bias always the uniform."""
    fan_in = in_ch * kernel * kernel
    bound = 1.0 / fan_in ** 0.5
    if kaiming:
        params[name + ".weight"] = torch.randn(out_ch, in_ch, kernel, kernel, generator=g) * (2.0 / fan_in) ** 0.5
    else:
        params[name + ".weight"] = torch.rand(out_ch, in_ch, kernel, kernel, generator=g) * (2 * bound) - bound
    if bias:
        params[name + ".bias"] = torch.rand(out_ch, generator=g) * (2 * bound) - bound


def add_linear(params, name, out_f, in_f, kaiming, g):
    bound = 1.0 / in_f ** 0.5
    if kaiming:
        params[name + ".weight"] = torch.randn(out_f, in_f, generator=g) * (2.0 / in_f) ** 0.5
    else:
        params[name + ".weight"] = torch.rand(out_f, in_f, generator=g) * (2 * bound) - bound
    params[name + ".bias"] = torch.rand(out_f, generator=g) * (2 * bound) - bound


def add_norm(params, name, kind, channels):
    """Scale 1, shift 0; BatchNorm's running mean 0 and variance 1 too."""
    if kind == "none":
        return
    params[name + ".weight"] = torch.ones(channels)
    params[name + ".bias"] = torch.zeros(channels)
    if kind == "batchnorm":
        params[name + ".running_mean"] = torch.zeros(channels)
        params[name + ".running_var"] = torch.ones(channels)


def resnet_blocks(width):
    """(module, stride, in, out, convolving shortcut) for ResNet-20's nine blocks."""
    blocks, in_ch = [], 16 * width
    for s, base in enumerate(STAGES, start=1):
        out_ch = base * width
        for b in range(3):
            stride = 2 if s > 1 and b == 0 else 1
            blocks.append((f"layer{s}.{b}", stride, in_ch, out_ch, stride != 1 or in_ch != out_ch))
            in_ch = out_ch
    return blocks


def vgg_convs(width, norm):
    """(conv module, norm module or None, in, out, pool after) for VGG-11, named by nn.Sequential index as Vgg.cs does."""
    convs, index, in_ch = [], 0, CHANNELS
    for c in VGG11:
        if c == 0:
            convs[-1] = convs[-1][:4] + (True,)
            index += 1
            continue
        out_ch = max(1, int(c * width + 0.5))  # Math.Round away from zero, for positive values
        convs.append((f"features.{index}", None if norm == "none" else f"features.{index + 1}", in_ch, out_ch, False))
        index += 2 if norm == "none" else 3
        in_ch = out_ch
    return convs


def initialize(model, width, norm, g, vgg_kaiming=False):
    """vgg_kaiming: the VGG's convolution weights N(0, 2/fan_in), as the C# model's `init: kaiming`."""
    params = {}
    if model == "resnet20":
        prefix = "bn"  # the bn module names, with LayerNorm too (as the C# model)
        add_conv(params, "conv1", 16 * width, CHANNELS, 3, False, True, g)
        add_norm(params, prefix + "1", norm, 16 * width)
        for module, _, in_ch, out_ch, shortcut in resnet_blocks(width):
            add_conv(params, module + ".conv1", out_ch, in_ch, 3, False, True, g)
            add_norm(params, f"{module}.{prefix}1", norm, out_ch)
            add_conv(params, module + ".conv2", out_ch, out_ch, 3, False, True, g)
            add_norm(params, f"{module}.{prefix}2", norm, out_ch)
            if shortcut:
                add_conv(params, module + ".shortcut.0", out_ch, in_ch, 3, False, True, g)
                add_norm(params, module + ".shortcut.1", norm, out_ch)
        add_linear(params, "linear", CLASSES, STAGES[-1] * width, True, g)
    else:
        convs = vgg_convs(width, norm)
        for conv, norm_module, in_ch, out_ch, _ in convs:
            add_conv(params, conv, out_ch, in_ch, 3, True, vgg_kaiming, g)
            if norm_module:
                add_norm(params, norm_module, norm, out_ch)
        add_linear(params, "classifier", CLASSES, convs[-1][3], False, g)
    return params


# ---- forward passes (training mode) -------------------------------------------------------------------------

def conv(p, name, x, stride=1):
    w = p[name + ".weight"]
    return F.conv2d(x, w, p.get(name + ".bias"), stride, w.shape[-1] // 2)


def normalise(p, name, kind, x, training=True):
    if kind == "none":
        return x
    if kind == "batchnorm":
        return F.batch_norm(x, p[name + ".running_mean"], p[name + ".running_var"], p[name + ".weight"],
                            p[name + ".bias"], training=training, momentum=BN_MOMENTUM, eps=EPS)
    # LayerNorm as ConvLayers.Norm: over the channels at each position, then a per-channel scale and shift.
    mean = x.mean(1, keepdim=True)
    centred = x - mean
    variance = centred.square().mean(1, keepdim=True)
    c = x.shape[1]
    return centred * (variance + EPS).rsqrt() * p[name + ".weight"].view(1, c, 1, 1) + p[name + ".bias"].view(1, c, 1, 1)


def resnet_forward(p, x, width, norm, training=True):
    prefix = "bn"  # the bn module names, with LayerNorm too (as the C# model)
    h = F.relu(normalise(p, prefix + "1", norm, conv(p, "conv1", x), training))
    for module, stride, _, _, shortcut in resnet_blocks(width):
        z1 = normalise(p, f"{module}.{prefix}1", norm, conv(p, module + ".conv1", h, stride), training)
        z2 = normalise(p, f"{module}.{prefix}2", norm, conv(p, module + ".conv2", F.relu(z1)), training)
        s = normalise(p, module + ".shortcut.1", norm, conv(p, module + ".shortcut.0", h, stride), training) if shortcut else h
        h = F.relu(z2 + s)
    return F.linear(h.mean((2, 3)), p["linear.weight"], p["linear.bias"])


def vgg_forward(p, x, convs, norm, training=True):
    for name, norm_module, _, _, pool in convs:
        z = conv(p, name, x)
        if norm_module:
            z = normalise(p, norm_module, norm, z, training)
        x = F.relu(z)
        if pool:
            x = F.max_pool2d(x, 2, 2)
    return F.linear(x.flatten(1), p["classifier.weight"], p["classifier.bias"])


# ---- augmentation: BatchAugmentation.cs ------------------------------------------------------------------------

def augment(batch, generator, padding=4):
    """Flip coins, then row and column offsets, from the augmentation's own generator; the same two gathers."""
    n = batch.shape[0]
    images = batch.reshape(n, CHANNELS, SIDE, SIDE)
    heads = torch.rand(n, generator=generator).lt(0.5)
    top = torch.randint(0, 2 * padding + 1, (n,), generator=generator)
    left = torch.randint(0, 2 * padding + 1, (n,), generator=generator)
    images = torch.where(heads.view(n, 1, 1, 1), images.flip(3), images)
    padded = F.pad(images, [padding] * 4)
    rows = (top.view(n, 1) + torch.arange(SIDE)).view(n, 1, SIDE, 1).expand(n, CHANNELS, SIDE, SIDE + 2 * padding)
    cols = (left.view(n, 1) + torch.arange(SIDE)).view(n, 1, 1, SIDE).expand(n, CHANNELS, SIDE, SIDE)
    return padded.gather(2, rows).gather(3, cols).reshape(n, PIXELS).contiguous()


# ---- the loop ---------------------------------------------------------------------------------------------------

def epoch(forward, optimizer, pixels, labels, batch, generator, augmentation, channels_last=False):
    started = time.perf_counter()
    n = pixels.shape[0]
    order = torch.randperm(n, generator=generator)
    loss_sum, correct = 0.0, 0
    for start in range(0, n, batch):
        index = order.narrow(0, start, min(batch, n - start))
        x = pixels.index_select(0, index).float().div_(255.0)  # LabelledData.Features(index)
        if augmentation is not None:
            x = augment(x, augmentation)
        y = labels.index_select(0, index)
        optimizer.zero_grad()
        images = x.reshape(-1, CHANNELS, SIDE, SIDE)
        if channels_last:
            images = images.contiguous(memory_format=torch.channels_last)
        logits = forward(images)
        loss = F.cross_entropy(logits, y)
        loss_value = loss.item()
        if loss_value != loss_value or abs(loss_value) == float("inf"):
            raise RuntimeError(f"diverged at step {start // batch}: {loss_value}")
        loss.backward()
        optimizer.step()
        loss_sum += loss_value * index.shape[0]
        correct += logits.argmax(1).eq(y).sum().item()
    return time.perf_counter() - started, loss_sum / n


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=["resnet20", "vgg11"], required=True)
    parser.add_argument("--width", type=float, help="resnet20: whole multiplier (default 1); vgg11: default 0.25")
    parser.add_argument("--norm", choices=["batchnorm", "layernorm", "none"])
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--samples", type=int, default=CIFAR_TRAIN)
    parser.add_argument("--cifar")
    parser.add_argument("--augment", action="store_true")
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--channels-last", action="store_true",
                        help="hand the network its images channels-last (as OrthoRebasin's VGG does); default NCHW")
    args = parser.parse_args()

    # The C# side's defaults and refusals (EpochOptions.cs, ResNet.cs).
    norm = args.norm or ("batchnorm" if args.model == "resnet20" else "none")
    if args.model == "resnet20":
        width = args.width or 1
        if width != int(width) or width < 1 or norm == "none":
            parser.error("resnet20 needs a whole width >= 1 and a normalisation")
        width = int(width)
    else:
        width = args.width or 0.25
    if not 0 < args.samples <= CIFAR_TRAIN:
        parser.error(f"--samples must be 1..{CIFAR_TRAIN}")

    convs = vgg_convs(width, norm) if args.model == "vgg11" else None
    pixels, labels, data_name = load_data(args.cifar, args.samples)
    with open("/proc/loadavg") as f:
        load = " ".join(f.read().split()[:3])
    if args.model == "resnet20":
        described = f"resnet20 3x32x32-{16 * width}-{32 * width}-{64 * width}-{CLASSES} {norm}"
    else:
        described = f"vgg11 3x32x32-{'-'.join(str(c[3]) for c in convs)}-{CLASSES}" + ("" if norm == "none" else f" {norm}")
    print(f"PyTorch {torch.__version__}, {described}, {pixels.shape[0]} samples ({data_name}), batch {args.batch}, "
          f"sgd lr {LR} momentum {MOMENTUM} weight decay {WEIGHT_DECAY}{', crop 4 + flip' if args.augment else ''}{', channels-last' if args.channels_last else ''}; "
          f"{os.cpu_count()} logical CPUs, OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}, "
          f"load {load}, {time.strftime('%Y-%m-%d')}")
    print()
    print("| optimizer | torch threads | epochs | median s/epoch | min s | max s | warm-up s | others' cores per epoch |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for threads in [int(t) for t in args.threads.split(",")]:
        torch.set_num_threads(threads)
        generator = torch.Generator().manual_seed(TRAIN_SEED)
        # The augmentation's own generator, seeded as BatchAugmentation.StreamSeed does from the training seed.
        augmentation = None
        if args.augment:
            augmentation = torch.Generator().manual_seed((TRAIN_SEED * 0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019) % 2 ** 64)
        params = initialize(args.model, width, norm, generator)
        # Running statistics are moved by the forward pass only; the optimiser sees every other tensor.
        weights = [t.requires_grad_() for name, t in params.items() if not name.endswith(("running_mean", "running_var"))]
        optimizer = torch.optim.SGD(weights, lr=LR, momentum=MOMENTUM, weight_decay=WEIGHT_DECAY)
        if args.model == "resnet20":
            def forward(x):
                return resnet_forward(params, x, width, norm)
        else:
            def forward(x):
                return vgg_forward(params, x, convs, norm)
        seconds, others = [], []
        loss = float("nan")
        for _ in range(args.epochs + 1):
            before = cpu_sample()
            elapsed, loss = epoch(forward, optimizer, pixels, labels, args.batch, generator, augmentation,
                                 args.channels_last)
            seconds.append(elapsed)
            others.append(other_cores(before, cpu_sample()))
        measured = sorted(seconds[1:])
        print(f"| sgd | {threads} | {len(measured)} | {statistics.median(measured):.3f} | "
              f"{measured[0]:.3f} | {measured[-1]:.3f} | {seconds[0]:.3f} | "
              f"{' '.join(f'{o:.2f}' for o in others)} |", flush=True)
    print(f"\nlast epoch's mean loss (torch threads {threads}): {loss:.4f}")


if __name__ == "__main__":
    main()
