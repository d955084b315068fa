/** The anchor of bench/startup.sh: the least a JVM does to start, print a line and exit. */
public final class Hello {
  public static void main(String[] args) {
    System.out.println("Hello, World");
  }
}
