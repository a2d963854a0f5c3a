package dev.cadenza.gpuworker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The admission order of one model's waiting jobs: higher priority first; among equal
 * priority, users take turns (round-robin, so one user's batch cannot starve everyone else);
 * each user's own jobs run first-in first-out.
 *
 * <p>Not thread-safe: the owning {@link ModelPool} guards it with its lock.
 */
final class FairQueue<E> {

  /** The waiting elements of one priority: per-user FIFO queues and whose turn is next. */
  private static final class Level<E> {
    final Map<String, ArrayDeque<E>> byUser = new HashMap<>();
    final ArrayDeque<String> turns = new ArrayDeque<>();
  }

  private final ToIntFunction<E> priorityOf;
  private final Function<E, String> userOf;
  private final TreeMap<Integer, Level<E>> levels = new TreeMap<>(Comparator.reverseOrder());
  private int size;

  FairQueue(ToIntFunction<E> priorityOf, Function<E, String> userOf) {
    this.priorityOf = priorityOf;
    this.userOf = userOf;
  }

  void add(E element) {
    Level<E> level = levels.computeIfAbsent(priorityOf.applyAsInt(element), p -> new Level<>());
    String user = userOf.apply(element);
    level
        .byUser
        .computeIfAbsent(user, u -> {
          // A user with nothing waiting joins at the back of the rotation.
          level.turns.addLast(u);
          return new ArrayDeque<>();
        })
        .addLast(element);
    size++;
  }

  /** Removes and returns the next element to run, or null when empty. */
  E poll() {
    if (levels.isEmpty()) {
      return null;
    }
    Map.Entry<Integer, Level<E>> top = levels.firstEntry();
    Level<E> level = top.getValue();
    String user = level.turns.pollFirst();
    ArrayDeque<E> own = level.byUser.get(user);
    E next = own.pollFirst();
    if (own.isEmpty()) {
      level.byUser.remove(user);
    } else {
      level.turns.addLast(user);
    }
    if (level.turns.isEmpty()) {
      levels.remove(top.getKey());
    }
    size--;
    return next;
  }

  /** Removes a waiting element (a canceled job); false when it was not waiting. */
  boolean remove(E element) {
    Integer priority = priorityOf.applyAsInt(element);
    Level<E> level = levels.get(priority);
    String user = userOf.apply(element);
    ArrayDeque<E> own = level == null ? null : level.byUser.get(user);
    if (own == null || !own.remove(element)) {
      return false;
    }
    if (own.isEmpty()) {
      level.byUser.remove(user);
      level.turns.remove(user);
    }
    if (level.turns.isEmpty()) {
      levels.remove(priority);
    }
    size--;
    return true;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** All waiting elements in the order {@link #poll} would return them (index = position). */
  List<E> inOrder() {
    List<E> order = new ArrayList<>(size);
    for (Level<E> level : levels.values()) {
      List<Iterator<E>> rotation = new ArrayList<>();
      level.turns.forEach(user -> rotation.add(level.byUser.get(user).iterator()));
      while (!rotation.isEmpty()) {
        for (Iterator<Iterator<E>> turn = rotation.iterator(); turn.hasNext(); ) {
          Iterator<E> own = turn.next();
          order.add(own.next());
          if (!own.hasNext()) {
            turn.remove();
          }
        }
      }
    }
    return order;
  }
}
