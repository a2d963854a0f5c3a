package dev.cadenza.gpuworker.mesh;

/**
 * A closed relief plate: the heightfield as its top surface, four walls down to {@code y = 0}
 * and a flat bottom, so the model stands on a table and prints as a solid (watertight: every
 * edge belongs to exactly two triangles). The plate is one unit
 * across its longer side, centred on the origin, +Y up; the picture's top edge is at the back
 * ({@code -Z}). Walls and bottom have their own vertices so their normals stay flat.
 */
final class ReliefMesh {

  static final float BASE = 0.04f;
  static final float RELIEF = 0.12f;

  private ReliefMesh() {}

  /**
   * @param aspect width / height of the picture
   */
  static TriangleMesh build(Heightfield field, double aspect) {
    float width = (float) (aspect >= 1 ? 1 : aspect);
    float depth = (float) (aspect >= 1 ? 1 / aspect : 1);
    int cols = field.columns;
    int rows = field.rows;
    TriangleMesh mesh = new TriangleMesh();
    float dx = width / (cols - 1);
    float dz = depth / (rows - 1);

    int[][] top = new int[cols][rows];
    for (int j = 0; j < rows; j++) {
      for (int i = 0; i < cols; i++) {
        // Central differences of the surface give smooth normals.
        float slopeX = RELIEF * (field.at(i + 1, j) - field.at(i - 1, j)) / (2 * dx);
        float slopeZ = RELIEF * (field.at(i, j + 1) - field.at(i, j - 1)) / (2 * dz);
        top[i][j] = mesh.vertex(
            x(i, cols, width),
            height(field, i, j),
            z(j, rows, depth),
            -slopeX,
            1,
            -slopeZ,
            u(i, cols),
            v(j, rows));
      }
    }
    for (int j = 0; j < rows - 1; j++) {
      for (int i = 0; i < cols - 1; i++) {
        mesh.triangle(top[i][j], top[i][j + 1], top[i + 1][j], 0, 1, 0);
        mesh.triangle(top[i + 1][j], top[i][j + 1], top[i + 1][j + 1], 0, 1, 0);
      }
    }

    // Back (j = 0) and front (j = rows - 1) walls, then left (i = 0) and right (i = cols - 1).
    wall(mesh, field, cols, true, 0, width, depth, 0, 0, -1);
    wall(mesh, field, cols, true, rows - 1, width, depth, 0, 0, 1);
    wall(mesh, field, rows, false, 0, width, depth, -1, 0, 0);
    wall(mesh, field, rows, false, cols - 1, width, depth, 1, 0, 0);

    // The bottom repeats the top's grid at y = 0, so every edge of the solid is shared by exactly
    // two triangles (no T-junctions where the walls meet it): a watertight, printable mesh.
    int[][] bottom = new int[cols][rows];
    for (int j = 0; j < rows; j++) {
      for (int i = 0; i < cols; i++) {
        bottom[i][j] =
            mesh.vertex(x(i, cols, width), 0, z(j, rows, depth), 0, -1, 0, u(i, cols), v(j, rows));
      }
    }
    for (int j = 0; j < rows - 1; j++) {
      for (int i = 0; i < cols - 1; i++) {
        mesh.triangle(bottom[i][j], bottom[i + 1][j], bottom[i][j + 1], 0, -1, 0);
        mesh.triangle(bottom[i + 1][j], bottom[i + 1][j + 1], bottom[i][j + 1], 0, -1, 0);
      }
    }
    return mesh;
  }

  /**
   * One wall along an edge of the grid: {@code alongColumns} walks i (a back or front wall at row
   * {@code fixed}), otherwise j (a side wall at column {@code fixed}).
   */
  private static void wall(
      TriangleMesh mesh,
      Heightfield field,
      int count,
      boolean alongColumns,
      int fixed,
      float width,
      float depth,
      float nx,
      float ny,
      float nz) {
    int cols = field.columns;
    int rows = field.rows;
    int previousTop = -1;
    int previousBottom = -1;
    for (int k = 0; k < count; k++) {
      int i = alongColumns ? k : fixed;
      int j = alongColumns ? fixed : k;
      float x = x(i, cols, width);
      float z = z(j, rows, depth);
      int top = mesh.vertex(x, height(field, i, j), z, nx, ny, nz, u(i, cols), v(j, rows));
      int bottom = mesh.vertex(x, 0, z, nx, ny, nz, u(i, cols), v(j, rows));
      if (k > 0) {
        mesh.triangle(previousBottom, previousTop, top, nx, ny, nz);
        mesh.triangle(previousBottom, top, bottom, nx, ny, nz);
      }
      previousTop = top;
      previousBottom = bottom;
    }
  }

  private static float height(Heightfield field, int i, int j) {
    return BASE + RELIEF * field.at(i, j);
  }

  // The last column and row land exactly on the bottom's corners: the solid has no seams.
  private static float x(int i, int cols, float width) {
    return i == cols - 1 ? width / 2 : -width / 2 + width * i / (cols - 1);
  }

  private static float z(int j, int rows, float depth) {
    return j == rows - 1 ? depth / 2 : -depth / 2 + depth * j / (rows - 1);
  }

  private static float u(int i, int cols) {
    return (float) i / (cols - 1);
  }

  private static float v(int j, int rows) {
    return (float) j / (rows - 1);
  }
}
