package dev.pev4j.tools.data;

import java.util.Arrays;

/**
 * A growable list of int pairs kept in two parallel arrays, without boxing: the row pairs of a merge, the start and
 * end offsets of CSV cells. Not thread-safe.
 */
final class IntPairs {
    private int[] firsts;
    private int[] seconds;
    private int size;

    IntPairs(int capacity) {
        firsts = new int[Math.max(16, capacity)];
        seconds = new int[Math.max(16, capacity)];
    }

    void add(int first, int second) {
        if (size == firsts.length) {
            firsts = Arrays.copyOf(firsts, size * 2);
            seconds = Arrays.copyOf(seconds, size * 2);
        }
        firsts[size] = first;
        seconds[size] = second;
        size++;
    }

    int size() {
        return size;
    }

    int first(int i) {
        return firsts[i];
    }

    int second(int i) {
        return seconds[i];
    }

    /** The first of each pair, in order (the list's own array when it is full: do not change it). */
    int[] firsts() {
        return size == firsts.length ? firsts : Arrays.copyOf(firsts, size);
    }

    /** The second of each pair, in order (the list's own array when it is full: do not change it). */
    int[] seconds() {
        return size == seconds.length ? seconds : Arrays.copyOf(seconds, size);
    }
}
