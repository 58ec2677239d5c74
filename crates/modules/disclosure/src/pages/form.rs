//! Reading a multipart form: the platform's reader ([`dinh_platform::uploads::read_form`]).

pub(crate) use dinh_platform::uploads::read_form as read;
