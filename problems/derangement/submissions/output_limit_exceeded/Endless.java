import java.io.PrintStream;

public class Endless {
    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, false);
        String line = "1 2 3 4 5 6 7 8 9 10 ".repeat(3000);
        while (!out.checkError()) out.println(line);
    }
}
