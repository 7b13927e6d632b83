package io.billhook.api.it;

import io.billhook.testkit.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Every row of every table of Billhook's PostgreSQL as text, as a dump of the database shows. */
final class DatabaseDump {
  private DatabaseDump() {}

  static String of(Database db) {
    try (Connection connection =
            DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement statement = connection.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet names =
          statement.executeQuery(
              "SELECT quote_ident(table_name) FROM information_schema.tables"
                  + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")) {
        while (names.next()) {
          tables.add(names.getString(1));
        }
      }
      StringBuilder dump = new StringBuilder();
      for (String table : tables) {
        dump.append("-- ").append(table).append('\n');
        try (ResultSet rows = statement.executeQuery("SELECT t::text FROM " + table + " t")) {
          while (rows.next()) {
            dump.append(rows.getString(1)).append('\n');
          }
        }
      }
      return dump.toString();
    } catch (SQLException e) {
      throw new IllegalStateException("could not dump the database", e);
    }
  }
}
