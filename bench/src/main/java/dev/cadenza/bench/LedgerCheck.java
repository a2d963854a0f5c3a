package dev.cadenza.bench;

import dev.cadenza.bench.stack.Stack;
import dev.cadenza.credits.LedgerAudit;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The ledger audit of a run, on the service's database: {@link LedgerAudit}'s invariants over the
 * whole ledger (balances equal the sums of transactions, reserved equals the open holds, ...),
 * plus, for every generation the bench submitted, that its hold ended the way its status says:
 * succeeded = captured with exactly one spend of its cost; failed or canceled = released (a hold
 * closes once: only a {@code held} row can be closed) with no spend; nothing left open.
 */
public final class LedgerCheck {

  /** The audit's result; {@code violations} lists every broken rule (empty when clean). */
  public record Result(
      boolean clean, int generationsChecked, int heldReservations, List<String> violations) {}

  private final DataSource database;

  public LedgerCheck(Stack.Database db) {
    DriverManagerDataSource source =
        new DriverManagerDataSource(db.url(), db.user(), db.password());
    source.setDriverClassName("org.postgresql.Driver");
    this.database = source;
  }

  DataSource dataSource() {
    return database;
  }

  /** How many of these generations are still queued or running. */
  public int open(Collection<String> ids) {
    String sql =
        "select count(*) from generations where status in ('queued', 'running') and id = any(?)";
    try (Connection c = database.getConnection();
        PreparedStatement statement = c.prepareStatement(sql)) {
      statement.setArray(1, c.createArrayOf("text", ids.toArray()));
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count open generations", e);
    }
  }

  public Result audit(Collection<String> generationIds) {
    List<String> violations = new ArrayList<>();
    new LedgerAudit(database).violations().forEach(v -> violations.add(v.toString()));
    int held;
    String sql = """
        select g.id, g.status, g.cost, r.status, r.amount,
               (select count(*) from credit_transactions t
                 where t.type = 'spend' and t.reference_id = g.id),
               (select coalesce(sum(t.amount), 0) from credit_transactions t
                 where t.type = 'spend' and t.reference_id = g.id)
          from generations g
          left join credit_reservations r on r.id = g.id
         where g.id = any(?)""";
    int checked = 0;
    try (Connection c = database.getConnection()) {
      try (PreparedStatement statement = c.prepareStatement(sql)) {
        Array ids = c.createArrayOf("text", generationIds.toArray());
        statement.setArray(1, ids);
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            checked++;
            String problem = problem(
                rs.getString(2),
                rs.getLong(3),
                rs.getString(4),
                rs.getLong(5),
                rs.getInt(6),
                rs.getLong(7));
            if (problem != null) {
              violations.add(
                  "generation_hold_matches_status [" + rs.getString(1) + "]: " + problem);
            }
          }
        }
      }
      try (PreparedStatement statement =
              c.prepareStatement("select count(*) from credit_reservations where status = 'held'");
          ResultSet rs = statement.executeQuery()) {
        rs.next();
        held = rs.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("ledger audit failed", e);
    }
    if (checked != generationIds.size()) {
      violations.add("generations_exist: " + (generationIds.size() - checked)
          + " accepted generations are not in the database");
    }
    if (held > 0) {
      violations.add("no_hold_left: " + held + " reservations still held");
    }
    return new Result(violations.isEmpty(), checked, held, violations);
  }

  /** What is wrong with one generation's hold, or null. */
  static String problem(
      String status, long cost, String hold, long holdAmount, int spends, long spent) {
    if (hold == null) {
      return "status " + status + " but no reservation";
    }
    if (holdAmount != cost) {
      return "reservation of " + holdAmount + " for a cost of " + cost;
    }
    return switch (status) {
      case "succeeded" ->
        hold.equals("captured") && spends == 1 && spent == -cost
            ? null
            : "succeeded but reservation " + hold + " with " + spends + " spends totalling "
                + spent;
      case "failed", "canceled" ->
        hold.equals("released") && spends == 0
            ? null
            : status + " but reservation " + hold + " with " + spends + " spends totalling "
                + spent;
      default -> "still " + status + " at the end of the run (reservation " + hold + ")";
    };
  }
}
