#!/usr/bin/python3
"""PyTorch peer of the `epoch` benchmark: the loop of src/OrthoRebasin/Training/Trainer.cs in PyTorch.

MLP 784-512-512-512-10 (ReLU) as a function of its parameters, 60,000 samples, batch 256; every step does what
Trainer does: index_select the batch, zero_grad, forward, cross_entropy, loss.item(), backward, step, argmax
accuracy with .item(). Seconds per epoch: median of --epochs epochs after one warm-up epoch, for each thread
count in --threads (torch.set_num_threads; OpenBLAS keeps its own pthreads, see OPENBLAS_NUM_THREADS).

Run with Debian's python (apt-get install -y python3-torch libopenblas0-pthread):
    /usr/bin/python3 bench/torch_epoch.py [--threads 1,2] [--epochs 3] [--optimizer sgd|adam|both]
                                          [--mnist DIR] [--profile]
"""

import argparse
import gzip
import os
import statistics
import struct
import time

import torch
import torch.nn.functional as F

SAMPLES, INPUTS, CLASSES, BATCH = 60_000, 784, 10, 256
HIDDEN = [512, 512, 512]
DATA_SEED, TRAIN_SEED = 20261127, 1
PHASES = ["batch (index_select)", "zero_grad", "forward", "cross_entropy", "loss.item", "backward",
          "optimizer.step", "accuracy (argmax.eq.sum.item)"]


def load_data(mnist_dir):
    if mnist_dir is None:
        g = torch.Generator().manual_seed(DATA_SEED)
        return torch.rand(SAMPLES, INPUTS, generator=g), torch.randint(CLASSES, (SAMPLES,), generator=g)

    def idx(name):
        with gzip.open(os.path.join(mnist_dir, name), "rb") as f:
            data = f.read()
        rank = data[3]
        dims = struct.unpack(">" + "i" * rank, data[4:4 + 4 * rank])
        return torch.frombuffer(bytearray(data[4 + 4 * rank:]), dtype=torch.uint8).reshape(dims)

    images = idx("train-images-idx3-ubyte.gz").reshape(-1, INPUTS).float().div_(255.0)
    return images, idx("train-labels-idx1-ubyte.gz").long()


def cpu_sample():
    """(machine busy ticks, this process's ticks, time): a timing states how many cores others used meanwhile."""
    with open("/proc/stat") as f:
        machine = [int(v) for v in f.readline().split()[1:]]
    with open("/proc/self/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return sum(machine) - machine[3] - machine[4], int(fields[11]) + int(fields[12]), time.perf_counter()


def other_cores(start, end):
    others = (end[0] - start[0]) - (end[1] - start[1])
    return max(0.0, others / 100.0 / (end[2] - start[2]))


def initialize(generator):
    """nn.Linear's default U(-1/sqrt(fan_in), 1/sqrt(fan_in)), drawn in the order Models/Mlp.cs draws them."""
    widths = [INPUTS] + HIDDEN + [CLASSES]
    params = []
    for fan_in, fan_out in zip(widths[:-1], widths[1:]):
        bound = 1.0 / fan_in ** 0.5
        w = torch.rand(fan_out, fan_in, generator=generator) * (2 * bound) - bound
        b = torch.rand(fan_out, generator=generator) * (2 * bound) - bound
        params += [w.requires_grad_(), b.requires_grad_()]
    return params


def forward(params, x):
    h = x
    layers = len(params) // 2
    for layer in range(layers):
        h = F.linear(h, params[2 * layer], params[2 * layer + 1])
        if layer < layers - 1:
            h = F.relu(h)
    return h


def make_optimizer(name, params):
    if name == "adam":
        return torch.optim.Adam(params, lr=1e-3)
    return torch.optim.SGD(params, lr=0.01, momentum=0.9)


def epoch(params, optimizer, features, labels, generator, ticks=None):
    started = time.perf_counter()
    n = features.shape[0]
    order = torch.randperm(n, generator=generator)
    loss_sum, correct = 0.0, 0
    for start in range(0, n, BATCH):
        mark = time.perf_counter()
        marks = [mark]
        index = order.narrow(0, start, min(BATCH, n - start))
        x = features.index_select(0, index)
        y = labels.index_select(0, index)
        marks.append(time.perf_counter())
        optimizer.zero_grad()
        marks.append(time.perf_counter())
        logits = forward(params, x)
        marks.append(time.perf_counter())
        loss = F.cross_entropy(logits, y)
        marks.append(time.perf_counter())
        loss_value = loss.item()
        if loss_value != loss_value or abs(loss_value) == float("inf"):
            raise RuntimeError(f"diverged at step {start // BATCH}: {loss_value}")
        marks.append(time.perf_counter())
        loss.backward()
        marks.append(time.perf_counter())
        optimizer.step()
        marks.append(time.perf_counter())
        loss_sum += loss_value * index.shape[0]
        correct += logits.argmax(1).eq(y).sum().item()
        marks.append(time.perf_counter())
        if ticks is not None:
            for p in range(len(PHASES)):
                ticks[p] += marks[p + 1] - marks[p]
    return time.perf_counter() - started, loss_sum / n


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--optimizer", choices=["sgd", "adam", "both"], default="both")
    parser.add_argument("--mnist")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    features, labels = load_data(args.mnist)
    with open("/proc/loadavg") as f:
        load = " ".join(f.read().split()[:3])
    print(f"PyTorch {torch.__version__}, mlp 784-512-512-512-10, {SAMPLES} samples "
          f"({'MNIST train' if args.mnist else f'uniform inputs, seed {DATA_SEED}'}), batch {BATCH}; "
          f"{os.cpu_count()} logical CPUs, OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}, "
          f"load {load}, {time.strftime('%Y-%m-%d')}")
    print()
    print("| optimizer | torch threads | epochs | median s/epoch | min s | max s | warm-up s | others' cores per epoch |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    optimizers = ["sgd", "adam"] if args.optimizer == "both" else [args.optimizer]
    thread_counts = [int(t) for t in args.threads.split(",")]
    for name in optimizers:
        for threads in thread_counts:
            torch.set_num_threads(threads)
            generator = torch.Generator().manual_seed(TRAIN_SEED)
            params = initialize(generator)
            optimizer = make_optimizer(name, params)
            seconds, others = [], []
            for _ in range(args.epochs + 1):
                before = cpu_sample()
                seconds.append(epoch(params, optimizer, features, labels, generator)[0])
                others.append(other_cores(before, cpu_sample()))
            measured = sorted(seconds[1:])
            print(f"| {name} | {threads} | {len(measured)} | {statistics.median(measured):.3f} | "
                  f"{measured[0]:.3f} | {measured[-1]:.3f} | {seconds[0]:.3f} | "
                  f"{' '.join(f'{o:.2f}' for o in others)} |", flush=True)

    if args.profile:
        for name in optimizers:
            for threads in thread_counts:
                torch.set_num_threads(threads)
                generator = torch.Generator().manual_seed(TRAIN_SEED)
                params = initialize(generator)
                optimizer = make_optimizer(name, params)
                epoch(params, optimizer, features, labels, generator)
                ticks = [0.0] * len(PHASES)
                total, _ = epoch(params, optimizer, features, labels, generator, ticks)
                steps = (SAMPLES + BATCH - 1) // BATCH
                print(f"\nProfile ({name}, torch threads {threads}): one epoch, {total:.3f} s\n")
                print("| phase | s/epoch | share | ms/step |")
                print("|---|---:|---:|---:|")
                for phase, t in zip(PHASES, ticks):
                    print(f"| {phase} | {t:.3f} | {100 * t / total:.1f}% | {1000 * t / steps:.3f} |")


if __name__ == "__main__":
    main()
