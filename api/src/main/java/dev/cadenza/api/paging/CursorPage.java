package dev.cadenza.api.paging;

import java.util.List;

/**
 * One page of a list endpoint: {@code {"data": [...], "nextCursor": "..."|null}}.
 *
 * @param nextCursor pass as {@code cursor} for the next (older) page; null on the last page
 */
public record CursorPage<T>(List<T> data, String nextCursor) {
  public CursorPage {
    data = List.copyOf(data);
  }
}
