#!/usr/bin/python3
"""The PyTorch side of `trainer-speed`: the loop HandWrittenLoop.cs runs, in PyTorch (Debian's python3-torch, 1.13).

Same network shapes (MLP 784-256-128-10 or the small CNN), SGD (momentum 0.9, weight decay 5e-4), batch size,
thread count, in-memory normalised tensors, a seeded random order per epoch, the loss and accuracy of every batch
read back, and the test set evaluated in chunks of 1000 after each epoch. The rate follows SGDR per batch through
torch's CosineAnnealingWarmRestarts(T_0=100 epochs) stepped with fractional epochs, as in the .NET loops.
Prints one JSON line per epoch: {"epoch", "seconds", "train_loss", "test_accuracy"}.

Run with /usr/bin/python3 (the pyenv python3 on PATH has no torch).
"""
import argparse
import gzip
import json
import os
import struct
import time

import numpy as np
import torch
from torch import nn


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def find(folder, stem):
    for name in (stem + ".gz", stem):
        path = os.path.join(folder, name)
        if os.path.exists(path):
            return path
    raise SystemExit(f"{os.path.join(folder, stem)}[.gz]: file not found")


def load(folder, prefix, count):
    images = read_idx(find(folder, f"{prefix}-images-idx3-ubyte"))[:count]
    labels = read_idx(find(folder, f"{prefix}-labels-idx1-ubyte"))[:count]
    x = torch.from_numpy(images.copy()).to(torch.float32).div_(255.0).sub_(0.2860).div_(0.3530).unsqueeze(1)
    y = torch.from_numpy(labels.copy()).to(torch.int64)
    return x.contiguous(), y


def model_for(kind, rows, columns, classes):
    if kind == "mlp":
        return nn.Sequential(nn.Flatten(), nn.Linear(rows * columns, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(),
                             nn.Linear(128, classes))
    return nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3, padding=1),
                         nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(64 * (rows // 4) * (columns // 4), 128),
                         nn.ReLU(), nn.Linear(128, classes))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--model", choices=["mlp", "cnn"], default="mlp")
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--train-count", type=int, default=2**62)
    parser.add_argument("--test-count", type=int, default=2**62)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    train_x, train_y = load(args.data, "train", args.train_count)
    test_x, test_y = load(args.data, "t10k", args.test_count)
    torch.manual_seed(args.seed)
    model = model_for(args.model, train_x.shape[2], train_x.shape[3], int(max(train_y.max(), test_y.max())) + 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(optimizer, T_0=100, T_mult=2, eta_min=1e-4)
    count = train_x.shape[0]
    batches = (count + args.batch_size - 1) // args.batch_size
    for epoch in range(1, args.epochs + 1):
        start_time = time.perf_counter()
        model.train()
        loss_sum = 0.0
        correct = 0
        generator = torch.Generator().manual_seed(args.seed * 1_000_003 + epoch)
        order = torch.randperm(count, generator=generator)
        for batch in range(batches):
            start = batch * args.batch_size
            length = min(args.batch_size, count - start)
            index = order.narrow(0, start, length)
            images = train_x.index_select(0, index)
            labels = train_y.index_select(0, index)
            optimizer.zero_grad()
            logits = model(images)
            loss = nn.functional.cross_entropy(logits, labels)
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * length
            correct += logits.argmax(1).eq(labels).sum().item()
            scheduler.step(epoch - 1 + (batch + 1) / batches)
        model.eval()
        test_loss = 0.0
        test_correct = 0
        with torch.no_grad():
            for start in range(0, test_x.shape[0], 1000):
                images = test_x.narrow(0, start, min(1000, test_x.shape[0] - start))
                labels = test_y.narrow(0, start, images.shape[0])
                logits = model(images)
                test_loss += nn.functional.cross_entropy(logits, labels, reduction="sum").item()
                test_correct += logits.argmax(1).eq(labels).sum().item()
        seconds = time.perf_counter() - start_time
        print(json.dumps({"epoch": epoch, "seconds": seconds, "train_loss": loss_sum / count,
                          "test_accuracy": test_correct / test_x.shape[0]}), flush=True)


if __name__ == "__main__":
    main()
