package dev.cadenza.gpuworker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FairQueueTest {

  record Item(String name, String user, int priority) {}

  private final FairQueue<Item> queue = new FairQueue<>(Item::priority, Item::user);

  private List<String> drain() {
    List<String> order = new ArrayList<>();
    for (Item item = queue.poll(); item != null; item = queue.poll()) {
      order.add(item.name());
    }
    return order;
  }

  private List<String> planned() {
    return queue.inOrder().stream().map(Item::name).toList();
  }

  @Test
  void higherPriorityRunsFirst() {
    queue.add(new Item("low", "a", 0));
    queue.add(new Item("high", "b", 5));
    queue.add(new Item("mid", "c", 1));

    assertThat(drain()).containsExactly("high", "mid", "low");
  }

  @Test
  void usersTakeTurnsWithinAPriority() {
    queue.add(new Item("a1", "alice", 0));
    queue.add(new Item("a2", "alice", 0));
    queue.add(new Item("a3", "alice", 0));
    queue.add(new Item("b1", "bob", 0));
    queue.add(new Item("c1", "carol", 0));
    queue.add(new Item("b2", "bob", 0));

    List<String> expected = List.of("a1", "b1", "c1", "a2", "b2", "a3");
    assertThat(planned()).isEqualTo(expected);
    assertThat(drain()).isEqualTo(expected);
  }

  @Test
  void eachUsersJobsStayFirstInFirstOut() {
    for (int i = 0; i < 5; i++) {
      queue.add(new Item("a" + i, "alice", 0));
    }
    assertThat(drain()).containsExactly("a0", "a1", "a2", "a3", "a4");
  }

  @Test
  void priorityBeatsFairness() {
    queue.add(new Item("a1", "alice", 0));
    queue.add(new Item("a2", "alice", 3));
    queue.add(new Item("a3", "alice", 3));
    queue.add(new Item("b1", "bob", 0));

    assertThat(drain()).containsExactly("a2", "a3", "a1", "b1");
  }

  @Test
  void aUserWhoArrivesLateWaitsForTheirTurnNotForTheWholeBatch() {
    queue.add(new Item("a1", "alice", 0));
    queue.add(new Item("a2", "alice", 0));
    queue.add(new Item("a3", "alice", 0));
    assertThat(queue.poll().name()).isEqualTo("a1");

    queue.add(new Item("b1", "bob", 0));

    assertThat(drain()).containsExactly("a2", "b1", "a3");
  }

  @Test
  void removedItemsLeaveTheOrderIntact() {
    Item b1 = new Item("b1", "bob", 0);
    queue.add(new Item("a1", "alice", 0));
    queue.add(b1);
    queue.add(new Item("a2", "alice", 0));

    assertThat(queue.remove(b1)).isTrue();
    assertThat(queue.remove(b1)).isFalse();
    assertThat(queue.size()).isEqualTo(2);
    assertThat(drain()).containsExactly("a1", "a2");
    assertThat(queue.isEmpty()).isTrue();
  }
}
