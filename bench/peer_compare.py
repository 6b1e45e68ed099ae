#!/usr/bin/env python3
"""Peer comparison: the bundled compact LNet/ANet (+ SVMs) in PyTorch, on the very weights of our bundle.

1. `faceattr bench export-weights` writes the bundle's networks in PyTorch layouts (weights.npz, manifest.json) and
   reference inputs with DL4J's outputs and every layer's activation (reference.npz).
2. This script builds the same networks from manifest.json, loads the weights, and checks agreement: the max abs
   difference of the 40 probabilities must be <= 1e-4 (also printed per layer, so a layout bug shows where it starts).
3. It times both on the same workload (per image: LNet on the image and its mirror up to C5, ANet on 5 patches up to
   the FC features, patch averaging, 40 SVMs + Platt) at the same batch sizes and thread count, DL4J through
   `faceattr bench model --networks-only`, and prints the DL4J/PyTorch throughput ratio.

Needs Debian's python3-torch and python3-numpy; installs them with apt-get when missing (as root).
Usage: bench/peer_compare.py [--batch 1,8,32] [--threads 2] [--json FILE]   (run from anywhere; see --help)
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOLERANCE = 1e-4


def ensure_torch():
    """Imports torch and numpy; installs Debian's packages (and re-runs under /usr/bin/python3) when missing."""
    try:
        import numpy  # noqa: F401
        import torch  # noqa: F401
        return
    except ImportError:
        pass
    system_python = "/usr/bin/python3"
    has = subprocess.run([system_python, "-c", "import torch, numpy"], capture_output=True).returncode == 0 \
        if os.path.exists(system_python) else False
    if not has:
        if shutil.which("apt-get") is None or os.geteuid() != 0:
            sys.exit("peer_compare: PyTorch is missing; install Debian's python3-torch and python3-numpy "
                     "(apt-get install -y python3-torch python3-numpy, as root)")
        print("peer_compare: installing python3-torch and python3-numpy with apt-get ...", file=sys.stderr)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-q"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-q", "python3-torch", "python3-numpy"], check=True, env=env)
    if os.path.realpath(sys.executable) != os.path.realpath(system_python):
        os.execv(system_python, [system_python] + sys.argv)


ensure_torch()
import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402


def same_padding(size, kernel, stride):
    """DL4J's ConvolutionMode.Same: output ceil(in/stride); (total // 2) before, the rest after."""
    out = -(-size // stride)
    total = max(0, (out - 1) * stride + kernel - size)
    return total // 2, total - total // 2


def activation(name, x):
    name = name.lower()
    if name == "relu":
        return F.relu(x)
    if name == "identity":
        return x
    raise ValueError("activation " + name + " not supported by the peer")


class Net(torch.nn.Module):
    """A DL4J computation graph replayed from manifest.json's vertex list (topological order)."""

    def __init__(self, prefix, vertices, weights, output):
        super().__init__()
        self.vertices = vertices
        self.output = output
        self.params = {}
        for v in vertices:
            for p in ("weight", "bias", "running_mean", "running_var"):
                key = prefix + "." + v["name"] + "." + p
                if key in weights:
                    t = torch.from_numpy(np.ascontiguousarray(weights[key]))
                    self.register_buffer(key.replace(".", "_"), t)
                    self.params[(v["name"], p)] = t

    def forward(self, x, keep=False):
        acts = {"input": x}
        for v in self.vertices:
            name, kind = v["name"], v["type"]
            inp = [acts[i] for i in v["inputs"]]
            x = inp[0]
            if kind == "conv2d":
                kh, kw = v["kernel"]
                sh, sw = v["stride"]
                if v["padding"] == "same":
                    top, bottom = same_padding(x.shape[2], kh, sh)
                    left, right = same_padding(x.shape[3], kw, sw)
                    x = F.pad(x, (left, right, top, bottom))
                y = F.conv2d(x, self.params[(name, "weight")], self.params[(name, "bias")], stride=(sh, sw))
                y = activation(v["activation"], y)
            elif kind == "batchnorm":
                y = F.batch_norm(x, self.params[(name, "running_mean")], self.params[(name, "running_var")],
                                 self.params[(name, "weight")], self.params[(name, "bias")], False, 0.0, v["eps"])
                y = activation(v["activation"], y)
            elif kind == "maxpool2d":
                if v["padding"] != "valid":
                    raise ValueError("only truncating pooling is supported")
                y = F.max_pool2d(x, tuple(v["kernel"]), tuple(v["stride"]))
            elif kind == "crop2d":
                top, bottom, left, right = v["crop"]
                y = x[:, :, top:x.shape[2] - bottom, left:x.shape[3] - right]
            elif kind == "concat_channels":
                y = torch.cat(inp, dim=1)
            elif kind == "linear":
                y = activation(v["activation"], F.linear(torch.flatten(x, 1), self.params[(name, "weight")],
                                                         self.params[(name, "bias")]))
            elif kind == "activation":
                y = activation(v["activation"], x)
            elif kind == "identity":
                y = x
            else:
                raise ValueError("vertex type " + kind + " not supported by the peer")
            acts[name] = y
        return acts if keep else acts[self.output]


class Peer:
    """LNet to C5, ANet to FC, patch averaging, SVMs and Platt scaling: the workload of NetworkWorkload.java."""

    def __init__(self, folder):
        with open(os.path.join(folder, "manifest.json")) as f:
            self.manifest = json.load(f)
        w = np.load(os.path.join(folder, "weights.npz"))
        self.lnet = Net("lnet", self.manifest["lnet"], w, "c5").eval()
        self.anet = Net("anet", self.manifest["anet"], w, "fc").eval()
        self.svm = {k: torch.from_numpy(w[k]) for k in ("svm.mean", "svm.std", "svm.weight", "svm.bias",
                                                        "platt.a", "platt.b")}
        self.patches = self.manifest["patches"]
        self.views = self.manifest["views"]

    def probabilities(self, fc):
        feats = fc.reshape(-1, self.patches, fc.shape[1]).mean(dim=1)
        x = (feats - self.svm["svm.mean"]) / self.svm["svm.std"]
        scores = x.double() @ self.svm["svm.weight"].double().T + self.svm["svm.bias"].double()
        return 1.0 / (1.0 + torch.exp(scores * self.svm["platt.a"].double() + self.svm["platt.b"].double()))

    def run(self, lnet_in, anet_in):
        c5 = self.lnet(lnet_in)
        fc = self.anet(anet_in)
        return c5, fc, self.probabilities(fc)


def max_diff(a, b):
    return float(np.max(np.abs(np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64))))


def check_agreement(peer, folder):
    ref = np.load(os.path.join(folder, "reference.npz"))
    lnet_in = torch.from_numpy(ref["lnet_input"])
    anet_in = torch.from_numpy(ref["anet_input"])
    with torch.no_grad():
        c5, fc, prob = peer.run(lnet_in, anet_in)
        lacts = peer.lnet(lnet_in, keep=True)
        aacts = peer.anet(anet_in, keep=True)
    print("agreement with DL4J on the exported reference inputs (max abs difference):")
    rows = []
    for net, acts in (("lnet", lacts), ("anet", aacts)):
        for v in peer.manifest[net]:
            key = "act." + net + "." + v["name"]
            if key in ref:
                rows.append((net + "." + v["name"], max_diff(acts[v["name"]].numpy(), ref[key]),
                             float(np.max(np.abs(ref[key])))))
    first_bad = next((r for r in rows if r[1] > 1e-3 * max(1.0, r[2])), None)
    for name, d, scale in rows:
        flag = "  <- first layer that disagrees" if first_bad is not None and name == first_bad[0] else ""
        print("  %-28s %.3g (values up to %.3g)%s" % (name, d, scale, flag))
    result = {"c5": max_diff(c5.numpy(), ref["c5"]), "fc": max_diff(fc.numpy(), ref["fc"]),
              "probabilities": max_diff(prob.numpy(), ref["probabilities"]), "faces": int(ref["probabilities"].shape[0])}
    print("  C5 %.3g, FC %.3g, 40 probabilities of %d faces %.3g (tolerance %.0e)" % (
        result["c5"], result["fc"], result["faces"], result["probabilities"], TOLERANCE))
    return result


def time_torch(peer, batches, repeats, warmup, seed=42):
    out = {}
    g = torch.Generator().manual_seed(seed)
    li, ai = peer.manifest["lnetInput"], peer.manifest["anetInput"]
    for b in batches:
        lnet_in = torch.rand(peer.views * b, 3, li, li, generator=g) * 2 - 1
        anet_in = torch.rand(peer.patches * b, 3, ai, ai, generator=g) * 2 - 1
        times = []
        with torch.inference_mode():
            for i in range(warmup + repeats):
                t = time.perf_counter()
                peer.run(lnet_in, anet_in)
                if i >= warmup:
                    times.append(time.perf_counter() - t)
        median = float(np.median(times))
        out[str(b)] = b / median
        print("peer_compare: PyTorch batch %d: %.1f images/s (median %.1f ms)" % (b, b / median, 1000 * median),
              file=sys.stderr)
    return out


def time_dl4j(launcher, batches, threads, repeats, warmup, folder):
    out_json = os.path.join(folder, "dl4j-networks.json")
    env = dict(os.environ, OMP_NUM_THREADS=str(threads))
    cmd = [launcher, "bench", "model", "--networks-only", "--batch", ",".join(map(str, batches)),
           "--threads", str(threads), "--repeats", str(repeats), "--warmup", str(warmup), "--json", out_json]
    print("peer_compare: " + " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=True, env=env, stdout=sys.stderr)
    with open(out_json) as f:
        return json.load(f)["batches"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--batch", default="1,8,32", help="batch sizes (default 1,8,32)")
    ap.add_argument("--threads", type=int, default=2, help="threads for both (default 2)")
    ap.add_argument("--repeats", type=int, default=5, help="timed passes per batch size (median; default 5)")
    ap.add_argument("--warmup", type=int, default=2, help="untimed passes per batch size (default 2)")
    ap.add_argument("--work", default="/tmp/faceattr-peer", help="folder for the export (default /tmp/faceattr-peer)")
    ap.add_argument("--launcher", default=os.path.join(REPO, "faceattr"), help="the faceattr launcher")
    ap.add_argument("--model", help="model bundle (default: the bundled model)")
    ap.add_argument("--check-only", action="store_true", help="only export and check agreement, no timing")
    ap.add_argument("--json", help="write the figures to this file")
    args = ap.parse_args()
    batches = [int(b) for b in args.batch.split(",")]

    os.makedirs(args.work, exist_ok=True)
    export = [args.launcher, "bench", "export-weights", "--out", args.work]
    if args.model:
        export += ["--model", args.model]
    subprocess.run(export, check=True, stdout=sys.stderr)
    torch.set_num_threads(args.threads)
    peer = Peer(args.work)
    agreement = check_agreement(peer, args.work)
    agree = agreement["probabilities"] <= TOLERANCE
    figures = {"agreement": agreement, "agree": agree, "tolerance": TOLERANCE, "threads": args.threads,
               "torch": torch.__version__, "numpy": np.__version__, "model": peer.manifest["model"],
               "measuredAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    if not agree:
        print("peer_compare: the implementations DISAGREE (probabilities differ by %.3g > %.0e); not timing"
              % (agreement["probabilities"], TOLERANCE))
    elif not args.check_only:
        torch_ips = time_torch(peer, batches, args.repeats, args.warmup)
        dl4j_ips = time_dl4j(args.launcher, batches, args.threads, args.repeats, args.warmup, args.work)
        print()
        print("DL4J vs PyTorch %s on the same network and weights, %d thread(s), images/s (median of %d):"
              % (torch.__version__, args.threads, args.repeats))
        print("%6s  %10s  %10s  %12s" % ("batch", "DL4J", "PyTorch", "DL4J/PyTorch"))
        ratios = {}
        for b in batches:
            d, t = dl4j_ips[str(b)], torch_ips[str(b)]
            ratios[str(b)] = d / t
            print("%6d  %10.1f  %10.1f  %12.3f" % (b, d, t, d / t))
        figures.update({"dl4j": dl4j_ips, "pytorch": torch_ips, "dl4jPytorchRatio": ratios})
    if args.json:
        with open(args.json, "w") as f:
            json.dump(figures, f, indent=2)
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
