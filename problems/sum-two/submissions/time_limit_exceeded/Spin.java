public class Spin {
    public static void main(String[] args) {
        long counter = 0;
        while (counter >= 0) {
            counter = (counter + 1) & Long.MAX_VALUE;
        }
        System.out.println(counter);
    }
}
