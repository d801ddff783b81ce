//! One page of a long list, and how many there are in all: lists are paged, never cut.

/// Which page to read: 1-based, of `size` rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageRequest {
    pub number: u64,
    pub size: u64,
}

impl PageRequest {
    /// Page `number` (1 when absent or 0) of `size` rows.
    pub fn new(number: Option<u64>, size: u64) -> Self {
        Self {
            number: number.unwrap_or(1).max(1),
            size: size.max(1),
        }
    }

    /// Rows before this page.
    pub fn offset(&self) -> u64 {
        (self.number - 1).saturating_mul(self.size)
    }
}

/// The rows of one page and the total over all pages.
#[derive(Clone, Debug)]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub request: PageRequest,
}

impl<T> Paged<T> {
    /// 1-based position of the first row shown (0 when none is).
    pub fn first(&self) -> u64 {
        if self.items.is_empty() {
            0
        } else {
            self.request.offset() + 1
        }
    }

    /// 1-based position of the last row shown.
    pub fn last(&self) -> u64 {
        self.request.offset() + self.items.len() as u64
    }

    pub fn has_previous(&self) -> bool {
        self.request.number > 1
    }

    pub fn has_next(&self) -> bool {
        self.last() < self.total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(number: u64, rows: usize, total: u64) -> Paged<u8> {
        Paged {
            items: vec![0; rows],
            total,
            request: PageRequest::new(Some(number), 50),
        }
    }

    #[test]
    fn positions_and_neighbours_of_a_page() {
        let second = page(2, 50, 120);
        assert_eq!((second.first(), second.last()), (51, 100));
        assert!(second.has_previous() && second.has_next());
        let third = page(3, 20, 120);
        assert_eq!((third.first(), third.last()), (101, 120));
        assert!(!third.has_next());
        let empty = page(1, 0, 0);
        assert_eq!((empty.first(), empty.last()), (0, 0));
        assert!(!empty.has_previous() && !empty.has_next());
    }

    #[test]
    fn page_zero_is_the_first_page() {
        assert_eq!(PageRequest::new(Some(0), 50).offset(), 0);
        assert_eq!(PageRequest::new(None, 0).size, 1);
    }
}
