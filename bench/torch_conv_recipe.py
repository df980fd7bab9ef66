#!/usr/bin/python3
"""Does a short CIFAR-10 recipe leave chance? The convolutional models of torch_conv_epoch.py trained in PyTorch.

The question this answers is not speed but whether a training budget (the quick and CPU-sized tiers of experiments.yaml)
trains a model at all, independently of this project's code: VGG-11 without normalisation under PyTorch's default
initialisation and a LayerNorm ResNet-20 at a high peak rate both stay at chance for a few epochs. The models, their
initialisation and the augmentation are torch_conv_epoch.py's (the C# models' conventions); on top of them: SGD
(momentum 0.9, weight decay 5e-4) on the pipeline's one-cycle schedule (linear warm-up over the first --warmup fraction
of the steps to --lr, linear decay to 0, set before each step), batch --batch, crop-and-flip augmentation, and
optionally --kaiming (kaiming-normal weights for the VGG, as `init: kaiming`) and --standardise (each channel by the
training images' mean and population std, after augmentation, as `data.standardise`). After every epoch it prints the
mean training loss and the test accuracy on the first --test test images (test_batch.bin, or the 1,000-image
test_batch_first1000.bin where only that is present).

    /usr/bin/python3 bench/torch_conv_recipe.py --cifar DIR --model vgg11 --width 0.125 --samples 4000 --epochs 8 \
        [--kaiming] [--standardise] [--lr 0.05] [--warmup 0.2] [--batch 100] [--norm none] [--seed 1] [--threads 2]
"""

import argparse
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_conv_epoch as conv  # noqa: E402


def load_test(cifar_dir, count):
    for name in ("test_batch.bin", "test_batch_first1000.bin"):
        path = os.path.join(cifar_dir, name)
        if os.path.exists(path):
            with open(path, "rb") as f:
                records = torch.frombuffer(bytearray(f.read()), dtype=torch.uint8).reshape(-1, conv.RECORD)
            records = records[:count]
            return records[:, 1:].float().div_(255.0), records[:, 0].long()
    sys.exit(f"no CIFAR-10 test batch in {cifar_dir}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cifar", required=True)
    parser.add_argument("--model", choices=["resnet20", "vgg11"], default="vgg11")
    parser.add_argument("--width", type=float, default=0.125)
    parser.add_argument("--norm", choices=["batchnorm", "layernorm", "none"])
    parser.add_argument("--samples", type=int, default=4000)
    parser.add_argument("--test", type=int, default=1000)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--lr", type=float, default=0.05)
    parser.add_argument("--warmup", type=float, default=0.2)
    parser.add_argument("--kaiming", action="store_true")
    parser.add_argument("--standardise", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)

    norm = args.norm or ("batchnorm" if args.model == "resnet20" else "none")
    width = int(args.width) if args.model == "resnet20" else args.width
    pixels, labels, data_name = conv.load_data(args.cifar, args.samples)
    test_x, test_y = load_test(args.cifar, args.test)
    scaled = pixels.float().div_(255.0).reshape(-1, conv.CHANNELS, conv.SIDE * conv.SIDE).double()
    mean = scaled.mean((0, 2)).float().view(1, conv.CHANNELS, 1, 1)
    std = scaled.std((0, 2), unbiased=False).float().view(1, conv.CHANNELS, 1, 1)
    del scaled

    def images(x):
        x = x.reshape(-1, conv.CHANNELS, conv.SIDE, conv.SIDE)
        return (x - mean) / std if args.standardise else x

    generator = torch.Generator().manual_seed(args.seed)
    params = conv.initialize(args.model, width, norm, generator, vgg_kaiming=args.kaiming)
    weights = [t.requires_grad_() for name, t in params.items() if not name.endswith(("running_mean", "running_var"))]
    optimizer = torch.optim.SGD(weights, lr=args.lr, momentum=conv.MOMENTUM, weight_decay=conv.WEIGHT_DECAY)
    convs = conv.vgg_convs(width, norm) if args.model == "vgg11" else None

    def forward(x, training=True):
        if convs:
            return conv.vgg_forward(params, x, convs, norm, training)
        return conv.resnet_forward(params, x, width, norm, training)

    def evaluate():
        # Evaluation mode: BatchNorm normalises by its running statistics, as the C# Forward.
        with torch.no_grad():
            logits = forward(images(test_x), training=False)
        return logits.argmax(1).eq(test_y).float().mean().item()

    augmentation = torch.Generator().manual_seed((args.seed * 0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019) % 2 ** 64)
    n = pixels.shape[0]
    steps_per_epoch = (n + args.batch - 1) // args.batch
    total = steps_per_epoch * args.epochs
    warm = max(1, int(args.warmup * total))
    print(f"PyTorch {torch.__version__}, {args.model} width {args.width} {norm}, {n} images ({data_name}), "
          f"{args.epochs} epochs of batch {args.batch}, one-cycle peak {args.lr} warm-up {args.warmup}, "
          f"init {'kaiming' if args.kaiming or args.model == 'resnet20' else 'default'}, inputs {'standardised' if args.standardise else 'in [0, 1]'}")
    step = 0
    for epoch in range(1, args.epochs + 1):
        order = torch.randperm(n, generator=generator)
        loss_sum = 0.0
        for start in range(0, n, args.batch):
            rate = args.lr * (step + 1) / warm if step < warm else args.lr * (total - step) / (total - warm)
            for group in optimizer.param_groups:
                group["lr"] = rate
            index = order[start:start + args.batch]
            x = conv.augment(pixels.index_select(0, index).float().div_(255.0), augmentation)
            loss = F.cross_entropy(forward(images(x)), labels.index_select(0, index))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * index.shape[0]
            step += 1
        print(f"epoch {epoch}: training loss {loss_sum / n:.3f}, test accuracy {evaluate():.3f} ({test_y.shape[0]} images)", flush=True)


if __name__ == "__main__":
    main()
