package dev.cadenza.gpuworker.mesh;

import java.util.Arrays;

/**
 * An indexed triangle mesh with a position, a unit normal and a texture coordinate per vertex,
 * grown vertex by vertex. Triangles are counter-clockwise seen from the side their normal points
 * to, as glTF expects of front faces.
 */
final class TriangleMesh {

  private float[] positions = new float[3 * 1024];
  private float[] normals = new float[3 * 1024];
  private float[] uvs = new float[2 * 1024];
  private int[] indices = new int[3 * 1024];
  private int vertices;
  private int indexCount;

  /** Adds a vertex; the normal is normalized here. Returns its index. */
  int vertex(float x, float y, float z, float nx, float ny, float nz, float u, float v) {
    if (3 * (vertices + 1) > positions.length) {
      positions = Arrays.copyOf(positions, positions.length * 2);
      normals = Arrays.copyOf(normals, normals.length * 2);
      uvs = Arrays.copyOf(uvs, uvs.length * 2);
    }
    float length = (float) Math.sqrt(nx * nx + ny * ny + nz * nz);
    int p = 3 * vertices;
    positions[p] = x;
    positions[p + 1] = y;
    positions[p + 2] = z;
    normals[p] = nx / length;
    normals[p + 1] = ny / length;
    normals[p + 2] = nz / length;
    uvs[2 * vertices] = Math.clamp(u, 0f, 1f);
    uvs[2 * vertices + 1] = Math.clamp(v, 0f, 1f);
    return vertices++;
  }

  /**
   * Adds triangle {@code a b c}, wound so that it faces {@code (fx, fy, fz)}: the order is swapped
   * when the corners as given would face away from it.
   */
  void triangle(int a, int b, int c, float fx, float fy, float fz) {
    float[] n = faceNormal(a, b, c);
    boolean facing = n[0] * fx + n[1] * fy + n[2] * fz >= 0;
    if (indexCount + 3 > indices.length) {
      indices = Arrays.copyOf(indices, indices.length * 2);
    }
    indices[indexCount++] = a;
    indices[indexCount++] = facing ? b : c;
    indices[indexCount++] = facing ? c : b;
  }

  int vertexCount() {
    return vertices;
  }

  int triangleCount() {
    return indexCount / 3;
  }

  float[] positions() {
    return Arrays.copyOf(positions, 3 * vertices);
  }

  float[] normals() {
    return Arrays.copyOf(normals, 3 * vertices);
  }

  float[] uvs() {
    return Arrays.copyOf(uvs, 2 * vertices);
  }

  int[] indices() {
    return Arrays.copyOf(indices, indexCount);
  }

  private float[] faceNormal(int a, int b, int c) {
    float ax = positions[3 * b] - positions[3 * a];
    float ay = positions[3 * b + 1] - positions[3 * a + 1];
    float az = positions[3 * b + 2] - positions[3 * a + 2];
    float bx = positions[3 * c] - positions[3 * a];
    float by = positions[3 * c + 1] - positions[3 * a + 1];
    float bz = positions[3 * c + 2] - positions[3 * a + 2];
    return new float[] {ay * bz - az * by, az * bx - ax * bz, ax * by - ay * bx};
  }
}
