package posebench.pose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LimbTest {

    @Test
    void partsAndChannelsFollowTfPoseOrder() {
        int[][] parts = {{1, 2}, {1, 5}, {2, 3}, {3, 4}, {5, 6}, {6, 7}, {1, 8}, {8, 9}, {9, 10}, {1, 11},
                {11, 12}, {12, 13}, {1, 0}, {0, 14}, {14, 16}, {0, 15}, {15, 17}, {2, 16}, {5, 17}};
        int[][] channels = {{12, 13}, {20, 21}, {14, 15}, {16, 17}, {22, 23}, {24, 25}, {0, 1}, {2, 3}, {4, 5},
                {6, 7}, {8, 9}, {10, 11}, {28, 29}, {30, 31}, {34, 35}, {32, 33}, {36, 37}, {18, 19}, {26, 27}};
        Limb[] limbs = Limb.values();
        assertEquals(Limb.COUNT, limbs.length);
        for (int i = 0; i < limbs.length; i++) {
            assertArrayEquals(parts[i], new int[] {limbs[i].from().ordinal(), limbs[i].to().ordinal()}, limbs[i].name());
            assertArrayEquals(channels[i], new int[] {limbs[i].pafX(), limbs[i].pafY()}, limbs[i].name());
        }
    }

    @Test
    void everyPafChannelBelongsToExactlyOneLimb() {
        int[] uses = new int[2 * Limb.COUNT];
        for (Limb limb : Limb.values()) {
            uses[limb.pafX()]++;
            uses[limb.pafY()]++;
        }
        for (int c = 0; c < uses.length; c++) {
            assertEquals(1, uses[c], "channel " + c);
        }
    }
}
