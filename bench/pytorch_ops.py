#!/usr/bin/python3
"""The PyTorch side of `trainer-ops`: the MLP loop of bench/pytorch_loop.py with a timestamp after every operation.

Runs a warm-up epoch and a measured one (same order, model, optimizer and evaluation as pytorch_loop.py), then times
single matrix products at the layers' shapes. Prints one JSON object: operation -> microseconds per batch (per call
for the matrix products); the names match TrainerOps.cs. Run with /usr/bin/python3 (Debian's python3-torch).
"""
import argparse
import json
import time

import torch
from torch import nn

from pytorch_loop import load, model_for

MATRIX_PRODUCTS = [
    ("mm fc1 forward [128,784]x[784,256]", (128, 784), (784, 256)),
    ("mm fc1 weight grad [256,128]x[128,784]", (256, 128), (128, 784)),
    ("mm fc2 forward [128,256]x[256,128]", (128, 256), (256, 128)),
    ("mm fc2 input grad [128,128]x[128,256]", (128, 128), (128, 256)),
    ("mm fc2 weight grad [128,128]x[128,256]", (128, 128), (128, 256)),
    ("mm fc1 eval [1000,784]x[784,256]", (1000, 784), (784, 256)),
    ("mm out forward [128,128]x[128,10]", (128, 128), (128, 10)),
]
LAYER_NAMES = ["flatten", "fc1", "relu1", "fc2", "relu2", "out"]


def epoch(model, layers, optimizer, scheduler, train_x, train_y, test_x, test_y, batch_size, number, seed, grads_to_none):
    ticks = {}

    def mark(name, since):
        now = time.perf_counter()
        ticks[name] = ticks.get(name, 0.0) + (now - since)
        return now

    count = train_x.shape[0]
    batches = (count + batch_size - 1) // batch_size
    epoch_start = time.perf_counter()
    model.train()
    loss_sum = 0.0
    correct = 0
    generator = torch.Generator().manual_seed(seed * 1_000_003 + number)
    order = torch.randperm(count, generator=generator)
    for batch in range(batches):
        t = time.perf_counter()
        start = batch * batch_size
        length = min(batch_size, count - start)
        index = order.narrow(0, start, length)
        images = train_x.index_select(0, index)
        labels = train_y.index_select(0, index)
        t = mark("batching (narrow, 2 index_select)", t)
        optimizer.zero_grad(set_to_none=grads_to_none)
        t = mark("zero_grad", t)
        x = images
        for name, layer in zip(LAYER_NAMES, layers):
            x = layer(x)
            t = mark("forward " + name, t)
        loss = nn.functional.cross_entropy(x, labels)
        t = mark("cross_entropy", t)
        loss.backward()
        t = mark("backward", t)
        optimizer.step()
        t = mark("SGD step", t)
        loss_sum += loss.item() * length
        t = mark("loss.item()", t)
        correct += x.argmax(1).eq(labels).sum().item()
        t = mark("accuracy (argmax, eq, sum, item)", t)
        scheduler.step(number - 1 + (batch + 1) / batches)
        t = mark("scheduler step", t)
        del images, labels, index, x, loss
        t = mark("dispose scope", t)
    train_end = time.perf_counter()
    model.eval()
    with torch.no_grad():
        for start in range(0, test_x.shape[0], 1000):
            images = test_x.narrow(0, start, min(1000, test_x.shape[0] - start))
            labels = test_y.narrow(0, start, images.shape[0])
            logits = model(images)
            nn.functional.cross_entropy(logits, labels, reduction="sum").item()
            logits.argmax(1).eq(labels).sum().item()
    model.train()
    end = time.perf_counter()
    result = {name: seconds * 1e6 / batches for name, seconds in ticks.items()}
    result["batch total"] = (train_end - epoch_start) * 1e6 / batches
    result["evaluation (per batch of the epoch)"] = (end - train_end) * 1e6 / batches
    result["epoch total"] = (end - epoch_start) * 1e6 / batches
    for name, left_shape, right_shape in MATRIX_PRODUCTS:
        left = torch.randn(left_shape)
        right = torch.randn(right_shape)
        for _ in range(20):
            left.mm(right)
        start = time.perf_counter()
        for _ in range(200):
            left.mm(right)
        result[name] = (time.perf_counter() - start) * 1e6 / 200
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--train-count", type=int, default=2**62)
    parser.add_argument("--test-count", type=int, default=2**62)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--grads", choices=["zero", "none"], default="zero")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    train_x, train_y = load(args.data, "train", args.train_count)
    test_x, test_y = load(args.data, "t10k", args.test_count)
    torch.manual_seed(args.seed)
    model = model_for("mlp", train_x.shape[2], train_x.shape[3], int(max(train_y.max(), test_y.max())) + 1)
    layers = list(model)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(optimizer, T_0=100, T_mult=2, eta_min=1e-4)
    for number in (1, 2):
        result = epoch(model, layers, optimizer, scheduler, train_x, train_y, test_x, test_y, args.batch_size, number, args.seed,
                       args.grads == "none")
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
