package faceattr.synth;

import java.util.SplittableRandom;

/** Independent random streams derived from the run seed, so any image can be rendered alone and in any thread. */
final class Seeds {
    static final long IDENTITY = 0x1D3A_7F11L;
    static final long IMAGE = 0x0A11_CE55L;
    static final long SPLIT = 0x5B1_17L;
    static final long BACKGROUND = 0xBAC6_0D5L;
    static final long OBJECT = 0x0B7E_C75L;

    private Seeds() {
    }

    static SplittableRandom stream(long seed, long purpose, long index) {
        return new SplittableRandom(mix(mix(seed ^ mix(purpose)) + index));
    }

    /** SplitMix64's finalizer: a bijective scramble of 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static double range(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    static boolean chance(SplittableRandom r, double p) {
        return r.nextDouble() < p;
    }
}
