//! Segment sizes and pairwise overlaps from a membership histogram: how many clients fall in
//! each combination of segments. The database evaluates each rule once per client and groups
//! clients by the bit mask of the segments they match; every size and overlap then follows
//! here, without evaluating `n·(n−1)/2` pair conditions per client.

/// Segments per mask word: bits 0..=61 of a non-negative 64-bit SQL integer.
pub const SEGMENTS_PER_MASK: usize = 62;

/// How many mask words `segments` segments need.
pub const fn mask_words(segments: usize) -> usize {
    segments.div_ceil(SEGMENTS_PER_MASK)
}

/// Segment sizes and pairwise overlaps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentSizes {
    pub total: u64,
    /// `sizes[i]`: clients matching segment `i`.
    pub sizes: Vec<u64>,
    /// `overlaps[i][j]` (i < j): clients matching both; the lower triangle is left at 0.
    pub overlaps: Vec<Vec<u64>>,
}

impl SegmentSizes {
    /// Adds up `groups`: for each distinct membership, its mask words (segment `i` is bit
    /// `i % 62` of word `i / 62`) and how many clients have it. Bits beyond `segments` are
    /// ignored.
    pub fn from_membership_groups(
        segments: usize,
        groups: impl IntoIterator<Item = (Vec<u64>, u64)>,
    ) -> Self {
        let mut result = Self {
            total: 0,
            sizes: vec![0; segments],
            overlaps: vec![vec![0; segments]; segments],
        };
        let mut members = Vec::with_capacity(segments);
        for (words, clients) in groups {
            result.total += clients;
            members.clear();
            members.extend((0..segments).filter(|&i| {
                words
                    .get(i / SEGMENTS_PER_MASK)
                    .is_some_and(|word| word >> (i % SEGMENTS_PER_MASK) & 1 == 1)
            }));
            for (k, &i) in members.iter().enumerate() {
                result.sizes[i] += clients;
                for &j in &members[k + 1..] {
                    result.overlaps[i][j] += clients;
                }
            }
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sizes_and_overlaps_add_up_the_groups_they_belong_to() {
        // 5 clients in none, 3 in {0}, 2 in {0, 2}, 4 in {1, 2}.
        let groups = [
            (vec![0], 5),
            (vec![0b001], 3),
            (vec![0b101], 2),
            (vec![0b110], 4),
        ];

        let sizes = SegmentSizes::from_membership_groups(3, groups);

        assert_eq!(sizes.total, 14);
        assert_eq!(sizes.sizes, [5, 4, 6]);
        assert_eq!(sizes.overlaps[0][2], 2);
        assert_eq!(sizes.overlaps[1][2], 4);
        assert_eq!(sizes.overlaps[0][1], 0);
        assert_eq!(sizes.overlaps[2][0], 0, "lower triangle unused");
    }

    #[test]
    fn segments_beyond_one_word_use_the_next() {
        let segments = SEGMENTS_PER_MASK + 2;
        let last = segments - 1;
        let groups = [(vec![1, 1 << (last - SEGMENTS_PER_MASK)], 7)];

        let sizes = SegmentSizes::from_membership_groups(segments, groups);

        assert_eq!(mask_words(segments), 2);
        assert_eq!((sizes.sizes[0], sizes.sizes[last]), (7, 7));
        assert_eq!(sizes.overlaps[0][last], 7);
        assert_eq!(sizes.sizes.iter().sum::<u64>(), 14);
    }

    proptest! {
        /// Against counting client by client.
        #[test]
        fn agrees_with_counting_each_client(
            memberships in proptest::collection::vec(proptest::collection::vec(any::<bool>(), 5), 0..60)
        ) {
            let groups = memberships.iter().map(|m| {
                let word = m.iter().enumerate().fold(0u64, |w, (i, &b)| w | u64::from(b) << i);
                (vec![word], 1)
            });

            let sizes = SegmentSizes::from_membership_groups(5, groups);

            prop_assert_eq!(sizes.total, memberships.len() as u64);
            for i in 0..5 {
                let expected = memberships.iter().filter(|m| m[i]).count() as u64;
                prop_assert_eq!(sizes.sizes[i], expected);
                for j in i + 1..5 {
                    let both = memberships.iter().filter(|m| m[i] && m[j]).count() as u64;
                    prop_assert_eq!(sizes.overlaps[i][j], both);
                }
            }
        }
    }
}
